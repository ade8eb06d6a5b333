match x:
    case _ if f(): pass
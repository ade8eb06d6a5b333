match x:
    case A(b, c=[d]) | E(): pass
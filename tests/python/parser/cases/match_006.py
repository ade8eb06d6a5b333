match x:
    case Point(x=0, y=0): pass
    case Point(1, 2): pass
    case a.b.C(): pass
match x:
    case {1: _, a.b: [c, *_]}: pass
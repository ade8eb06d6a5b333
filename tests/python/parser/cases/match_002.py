match x:
    case [a, b, *rest]: pass
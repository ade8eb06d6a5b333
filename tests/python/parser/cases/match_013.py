match x, y:
    case a, b: pass
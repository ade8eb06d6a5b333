match x:
    case y if y > 0: pass
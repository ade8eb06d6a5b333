match x:
    case {}: pass
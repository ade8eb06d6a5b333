match x:
    case "a" "b": pass
    case b"x": pass
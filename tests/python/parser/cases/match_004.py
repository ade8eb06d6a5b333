match x:
    case {"a": 1, "b": b, **rest}: pass
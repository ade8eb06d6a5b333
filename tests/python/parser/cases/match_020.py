def f():
    match x:
        case 1:
            return 1
        case _:
            return 2
def f(*args, **kwargs):
    return args[0] + kwargs["x"]


f(*[1], **{"y": 2})

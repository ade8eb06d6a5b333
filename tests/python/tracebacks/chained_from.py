def load(d):
    try:
        return d["k"]
    except KeyError as e:
        raise ValueError("missing key") from e


load({})

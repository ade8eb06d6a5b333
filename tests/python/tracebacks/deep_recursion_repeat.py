def walk(node, depth):
    if depth == 0:
        return node["leaf"] * 2
    return walk(node, depth - 1)


walk({"leaf": None}, 6)

"""recursion: deep and wide recursion -- binary trees built and walked
recursively, memo-free Fibonacci, Ackermann's function, Hanoi, mutual
recursion and a recursive descent evaluator (call and return, frames)."""
import sys

sys.setrecursionlimit(6000)


class Node:
    def __init__(self, left, right, value):
        self.left = left
        self.right = right
        self.value = value


def make_tree(depth, value):
    if depth == 0:
        return Node(None, None, value)
    return Node(make_tree(depth - 1, 2 * value), make_tree(depth - 1, 2 * value + 1), value)


def tree_sum(node):
    if node is None:
        return 0
    return node.value + tree_sum(node.left) + tree_sum(node.right)


def tree_height(node):
    if node is None:
        return 0
    return 1 + max(tree_height(node.left), tree_height(node.right))


def mirror(node):
    if node is None:
        return None
    return Node(mirror(node.right), mirror(node.left), node.value)


def leftmost_path(node):
    if node.left is None:
        return [node.value]
    return [node.value] + leftmost_path(node.left)


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))


def hanoi(n, source, target, spare, moves):
    if n == 0:
        return
    hanoi(n - 1, source, spare, target, moves)
    moves[source + target] = moves.get(source + target, 0) + 1
    hanoi(n - 1, spare, target, source, moves)


def is_even(n):
    return True if n == 0 else is_odd(n - 1)


def is_odd(n):
    return False if n == 0 else is_even(n - 1)


def linear_sum(items, i):
    """A deliberately deep (not tail-call-eliminated) recursion."""
    if i == len(items):
        return 0
    return items[i] + linear_sum(items, i + 1)


def parse_expr(tokens, pos):
    """expr := term (('+'|'-') term)*; a recursive descent over a list."""
    value, pos = parse_term(tokens, pos)
    while pos < len(tokens) and tokens[pos] in "+-":
        op = tokens[pos]
        rhs, pos = parse_term(tokens, pos + 1)
        value = value + rhs if op == "+" else value - rhs
    return value, pos


def parse_term(tokens, pos):
    value, pos = parse_atom(tokens, pos)
    while pos < len(tokens) and tokens[pos] == "*":
        rhs, pos = parse_atom(tokens, pos + 1)
        value = value * rhs % 1000003
    return value, pos


def parse_atom(tokens, pos):
    if tokens[pos] == "(":
        value, pos = parse_expr(tokens, pos + 1)
        return value, pos + 1  # the ')'
    return int(tokens[pos]), pos + 1


def nested_expression(depth, seed):
    """A deeply nested arithmetic expression as a token list."""
    if depth == 0:
        return [str(seed % 10 + 1)]
    op = "+-*"[seed % 3]
    return (["("] + nested_expression(depth - 1, seed * 7 + 1) + [op]
            + nested_expression(depth - 1 if seed % 4 else 0, seed * 13 + 5) + [")"])


def main(scale):
    depth = 12 + scale // 4
    total = 0
    for i in range(scale):
        tree = make_tree(depth, 1)
        total += tree_sum(tree) - tree_sum(mirror(tree))
    print(f"trees of depth {depth}: height {tree_height(tree)}, sum {tree_sum(tree)}, "
          f"mirror difference {total}")
    print("leftmost path tail:", leftmost_path(tree)[-3:])
    print("fib(%d) = %d" % (20 + scale, fib(20 + scale)))
    print("ackermann(2, %d) = %d" % (100 * scale, ackermann(2, 100 * scale)))
    print("ackermann(3, 5) =", ackermann(3, 5))
    moves = {}
    hanoi(10 + scale, "a", "c", "b", moves)
    print("hanoi moves:", sorted(moves.items()))
    print("parity of 2500:", is_even(2500), is_odd(2500))
    items = list(range(4000))
    print("deep sum:", linear_sum(items, 0))
    tokens = nested_expression(10 + scale // 2, 3)
    print("expression of %d tokens = %d" % (len(tokens), parse_expr(tokens, 0)[0]))


main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)

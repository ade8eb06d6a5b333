"""spectral norm of the infinite matrix A(i, j) = 1 / ((i+j)(i+j+1)/2 + i + 1):
float arithmetic in nested loops and generator sums."""
import sys

def eval_a(i, j):
    return 1.0 / ((i + j) * (i + j + 1) // 2 + i + 1)

def times_a(u):
    n = len(u)
    return [sum(eval_a(i, j) * u[j] for j in range(n)) for i in range(n)]

def times_at(u):
    n = len(u)
    return [sum(eval_a(j, i) * u[j] for j in range(n)) for i in range(n)]

def times_at_a(u):
    return times_at(times_a(u))

n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
u = [1.0] * n
for _ in range(10):
    v = times_at_a(u)
    u = times_at_a(v)
vbv = sum(a * b for a, b in zip(u, v))
vv = sum(b * b for b in v)
print("%.9f" % ((vbv / vv) ** 0.5))

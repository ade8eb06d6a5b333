global x, y
nonlocal z
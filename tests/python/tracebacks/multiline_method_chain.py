v = "abc"
w = v.upper(
).lower(
).nosuch()

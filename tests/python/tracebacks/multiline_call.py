import math
value = math.floor(
    "not a number"
)

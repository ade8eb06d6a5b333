try:
    a
except E:
    b
except (F, G) as e:
    c
else:
    d
finally:
    e
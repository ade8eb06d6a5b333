try:
    a
finally:
    b
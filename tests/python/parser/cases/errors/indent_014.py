with a:
pass
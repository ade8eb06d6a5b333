try:
    a
except:
    b
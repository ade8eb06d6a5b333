try:
    pass
except* ValueError:
    pass
except* TypeError as e:
    pass
else:
    pass
finally:
    pass
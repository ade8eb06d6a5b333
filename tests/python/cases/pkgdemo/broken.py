value = 1
raise RuntimeError("broken module")

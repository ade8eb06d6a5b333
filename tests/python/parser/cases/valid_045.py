if x: pass
elif y: pass
elif z: pass
else: pass
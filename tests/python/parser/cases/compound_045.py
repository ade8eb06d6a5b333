@x[0].y
class C: pass
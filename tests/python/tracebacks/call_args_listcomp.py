class C:
    def m(self, x):
        return x.missing


c = C()
y = [c.m(3)
     for i in range(2)]

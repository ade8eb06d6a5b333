class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y / x

    @property
    def ratio(self):
        return self.y // self.missing


pts = [Point(1, 2)]
print(pts[0].ratio)

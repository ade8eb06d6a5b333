"""raytrace: a small ray tracer -- vectors as a class with operator
methods, spheres and a checkered plane, point lights with shadows, and
reflections a few bounces deep.  Prints checksums of the pixel values
instead of an image (float arithmetic, method calls, short-lived objects)."""
import math
import sys

EPSILON = 1e-9
MAX_DEPTH = 3


class Vec:
    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

    def __add__(self, other):
        return Vec(self.x + other.x, self.y + other.y, self.z + other.z)

    def __sub__(self, other):
        return Vec(self.x - other.x, self.y - other.y, self.z - other.z)

    def __mul__(self, k):
        return Vec(self.x * k, self.y * k, self.z * k)

    __rmul__ = __mul__

    def __neg__(self):
        return Vec(-self.x, -self.y, -self.z)

    def dot(self, other):
        return self.x * other.x + self.y * other.y + self.z * other.z

    def cross(self, other):
        return Vec(self.y * other.z - self.z * other.y,
                   self.z * other.x - self.x * other.z,
                   self.x * other.y - self.y * other.x)

    def length(self):
        return math.sqrt(self.dot(self))

    def normalized(self):
        return self * (1.0 / self.length())

    def times(self, other):
        """Component-wise product (a colour filtered by another)."""
        return Vec(self.x * other.x, self.y * other.y, self.z * other.z)

    def __repr__(self):
        return f"Vec({self.x:.3f}, {self.y:.3f}, {self.z:.3f})"


BLACK = Vec(0.0, 0.0, 0.0)


class Ray:
    def __init__(self, origin, direction):
        self.origin = origin
        self.direction = direction

    def point_at(self, t):
        return self.origin + self.direction * t


class Material:
    def __init__(self, color, diffuse, specular, shininess, reflectivity):
        self.color = color
        self.diffuse = diffuse
        self.specular = specular
        self.shininess = shininess  # a power of two: squared that many times
        self.reflectivity = reflectivity

    def color_at(self, point):
        return self.color


class Checkered(Material):
    def __init__(self, color, other, diffuse, specular, shininess, reflectivity):
        super().__init__(color, diffuse, specular, shininess, reflectivity)
        self.other = other

    def color_at(self, point):
        if (math.floor(point.x) + math.floor(point.z)) % 2 == 0:
            return self.color
        return self.other


class Sphere:
    def __init__(self, center, radius, material):
        self.center = center
        self.radius = radius
        self.material = material

    def intersect(self, ray):
        """The distance along ray to the nearest hit in front, or None."""
        oc = ray.origin - self.center
        b = oc.dot(ray.direction)
        c = oc.dot(oc) - self.radius * self.radius
        disc = b * b - c
        if disc < 0.0:
            return None
        root = math.sqrt(disc)
        t = -b - root
        if t > EPSILON:
            return t
        t = -b + root
        if t > EPSILON:
            return t
        return None

    def normal_at(self, point):
        return (point - self.center).normalized()


class Plane:
    def __init__(self, point, normal, material):
        self.point = point
        self.normal = normal.normalized()
        self.material = material

    def intersect(self, ray):
        denom = self.normal.dot(ray.direction)
        if abs(denom) < EPSILON:
            return None
        t = (self.point - ray.origin).dot(self.normal) / denom
        return t if t > EPSILON else None

    def normal_at(self, point):
        return self.normal


class Light:
    def __init__(self, position, color):
        self.position = position
        self.color = color


class Scene:
    def __init__(self):
        self.objects = []
        self.lights = []
        self.ambient = Vec(0.08, 0.08, 0.1)
        self.rays = 0

    def add(self, obj):
        self.objects.append(obj)
        return obj

    def nearest(self, ray):
        best, best_t = None, None
        for obj in self.objects:
            t = obj.intersect(ray)
            if t is not None and (best_t is None or t < best_t):
                best, best_t = obj, t
        return best, best_t

    def in_shadow(self, point, light):
        to_light = light.position - point
        distance = to_light.length()
        ray = Ray(point, to_light * (1.0 / distance))
        for obj in self.objects:
            t = obj.intersect(ray)
            if t is not None and t < distance:
                return True
        return False

    def trace(self, ray, depth):
        self.rays += 1
        obj, t = self.nearest(ray)
        if obj is None:
            # the sky: a gradient by height
            k = 0.5 * (ray.direction.y + 1.0)
            return Vec(0.6, 0.7, 0.9) * k + Vec(0.1, 0.1, 0.15) * (1.0 - k)
        point = ray.point_at(t)
        normal = obj.normal_at(point)
        if normal.dot(ray.direction) > 0.0:
            normal = -normal
        material = obj.material
        base = material.color_at(point)
        color = base.times(self.ambient)
        for light in self.lights:
            if self.in_shadow(point + normal * 1e-6, light):
                continue
            to_light = (light.position - point).normalized()
            lambert = normal.dot(to_light)
            if lambert > 0.0:
                color = color + base.times(light.color) * (lambert * material.diffuse)
            half = (to_light - ray.direction).normalized()
            spec = normal.dot(half)
            if spec > 0.0:
                for _ in range(material.shininess):
                    spec = spec * spec
                color = color + light.color * (spec * material.specular)
        if depth < MAX_DEPTH and material.reflectivity > 0.0:
            d = ray.direction
            reflected = d - normal * (2.0 * d.dot(normal))
            bounce = self.trace(Ray(point + normal * 1e-6, reflected), depth + 1)
            color = color + bounce * material.reflectivity
        return color


def build_scene():
    scene = Scene()
    scene.add(Plane(Vec(0.0, -1.0, 0.0), Vec(0.0, 1.0, 0.0),
                    Checkered(Vec(0.9, 0.9, 0.9), Vec(0.2, 0.2, 0.25),
                              0.8, 0.2, 3, 0.3)))
    scene.add(Sphere(Vec(0.0, 0.0, 5.0), 1.0,
                     Material(Vec(0.9, 0.2, 0.2), 0.7, 0.5, 5, 0.4)))
    scene.add(Sphere(Vec(-2.2, -0.3, 6.5), 0.7,
                     Material(Vec(0.2, 0.8, 0.3), 0.8, 0.3, 4, 0.2)))
    scene.add(Sphere(Vec(2.0, 0.5, 7.0), 1.4,
                     Material(Vec(0.3, 0.4, 0.9), 0.6, 0.6, 6, 0.5)))
    scene.add(Sphere(Vec(0.8, -0.7, 3.6), 0.3,
                     Material(Vec(0.95, 0.85, 0.2), 0.9, 0.8, 6, 0.1)))
    scene.lights.append(Light(Vec(-5.0, 6.0, 0.0), Vec(0.8, 0.8, 0.75)))
    scene.lights.append(Light(Vec(6.0, 4.0, 2.0), Vec(0.3, 0.3, 0.4)))
    return scene


class Camera:
    def __init__(self, eye, look_at, up, width, height, fov_scale):
        self.eye = eye
        self.width = width
        self.height = height
        self.forward = (look_at - eye).normalized()
        self.right = self.forward.cross(up).normalized() * -fov_scale
        self.up = self.right.cross(self.forward).normalized() * fov_scale

    def ray(self, px, py):
        aspect = self.width / self.height
        sx = (2.0 * (px + 0.5) / self.width - 1.0) * aspect
        sy = 1.0 - 2.0 * (py + 0.5) / self.height
        direction = self.forward + self.right * sx + self.up * sy
        return Ray(self.eye, direction.normalized())


def to_byte(v):
    if v <= 0.0:
        return 0
    if v >= 1.0:
        return 255
    return int(v * 255.0 + 0.5)


def render(width, height):
    scene = build_scene()
    camera = Camera(Vec(0.0, 0.6, -1.0), Vec(0.0, 0.0, 5.0), Vec(0.0, 1.0, 0.0),
                    width, height, 0.6)
    totals = [0, 0, 0]
    checksum = 0
    rows = []
    for py in range(height):
        row_sum = 0
        for px in range(width):
            c = scene.trace(camera.ray(px, py), 0)
            r, g, b = to_byte(c.x), to_byte(c.y), to_byte(c.z)
            totals[0] += r
            totals[1] += g
            totals[2] += b
            row_sum += r + g + b
            checksum = (checksum * 31 + (r << 16 | g << 8 | b)) % 1000000007
        rows.append(row_sum)
    return scene.rays, totals, checksum, rows


def main(width):
    height = width * 3 // 4
    rays, totals, checksum, rows = render(width, height)
    print(f"image {width}x{height}, {rays} rays traced")
    print("channel sums: r=%d g=%d b=%d" % tuple(totals))
    print("checksum:", checksum)
    step = max(1, height // 6)
    print("row sums:", " ".join(str(rows[i]) for i in range(0, height, step)))


main(int(sys.argv[1]) if len(sys.argv) > 1 else 240)

import pkgdemo
import pkgdemo.util
from pkgdemo.util import double, Greeter
from pkgdemo import util as u
print(pkgdemo.VERSION, pkgdemo.loaded, double(21), Greeter("you").greet(), u.double(2))
print(pkgdemo.__name__, pkgdemo.util.__name__, u is pkgdemo.util)
import pkgdemo.util as again
print(again is u, pkgdemo.loaded)
from pkgdemo.util import *
print(double(5), "_private" in dir() if False else "ok")
try:
    import pkgdemo.broken
except RuntimeError as e:
    print("RuntimeError:", e)
import sys
print("pkgdemo.broken" in sys.modules, "pkgdemo.util" in sys.modules)
try:
    from pkgdemo import nothing_here
except ImportError as e:
    print("ImportError:", e)

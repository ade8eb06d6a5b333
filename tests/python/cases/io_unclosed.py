# files that are never closed are closed when they die (CPython: at once;
# pystm: by the collector, or when descriptors run out), and flushed at exit
import os

d = os.path.join('/tmp', 'pystm_io_' + str(os.getpid()))
os.mkdir(d)
p = os.path.join(d, 'u.txt')
with open(p, 'w') as f:
    f.write('x')
n = 0
for i in range(3000):
    n += len(open(p).read())
print(n)
for i in range(1500):
    open(p, 'rb')
print(open(p).read())
os.remove(p)
os.rmdir(d)
# written at exit without close() or flush()
out = open('/dev/stdout', 'w')
out.write('flushed at exit\n')

# TextIOWrapper.reconfigure() and line buffering
import sys, io, os
p = os.path.join('/tmp', 'pystm_io_' + str(os.getpid()) + '.txt')
f = open(p, 'w+')
print(f.reconfigure(encoding='latin-1'), f.encoding, f.errors)
f.reconfigure(errors='replace'); print(f.encoding, f.errors)
f.reconfigure(newline='\r\n', line_buffering=True); print(f.line_buffering, repr(f.newlines))
f.write('a\nb€'); f.seek(0); print(repr(f.read()))
for kw in [dict(encoding='utf-8'), dict(newline='\n'), dict(errors='strict'), dict(line_buffering=False), dict(newline='x'), dict(encoding='nope'), dict(bogus=1), dict(write_through=True)]:
  try: f.reconfigure(**kw); print('ok', kw)
  except Exception as e: print(kw, type(e).__name__, e)
# the message changed within CPython 3.11: only the type is compared
for kw in [dict(encoding=5), dict(errors=b'x')]:
  try: f.reconfigure(**kw)
  except TypeError: print(kw, 'TypeError')
try: f.reconfigure('utf-8')
except Exception as e: print(type(e).__name__, e)
f.write('é\n')
print(open(p, 'rb').read())
f.close()
try: f.reconfigure(encoding='utf-8')
except Exception as e: print(type(e).__name__, e)
g = open(p, 'w', encoding='ascii', errors='strict')
g.reconfigure(line_buffering=True)
g.write('line\n')
print(repr(open(p).read()))
g.close()
sys.stdout.reconfigure(encoding='utf-8', errors='strict'); print(sys.stdout.encoding, sys.stdout.errors)
os.remove(p)

# os: makedirs/removedirs/renames corner cases, walk's onerror and
# bottom-up order, scandir entries, environ as a mapping
import os

base = os.getcwd()
tmp = '/tmp/pystm_mod_os3_%d' % os.getpid()
os.makedirs(tmp + '/a/b/.')
os.chdir(tmp)
os.makedirs('c//d/', exist_ok=True)
os.makedirs('e/../f/g')
print(sorted(os.listdir()), os.listdir('a'), os.listdir('c'), os.path.isdir('f/g'))
os.removedirs('a/b')
print(sorted(os.listdir()))
os.renames('c/d', 'h/i/j')
print(sorted(os.listdir()), os.listdir('h/i'))
errors = []
print(list(os.walk('missing', onerror=errors.append)), [type(e).__name__ for e in errors], errors[0].filename)
print(list(os.walk('missing')))
for top, dirs, files in os.walk('.', topdown=False):
    print(top, sorted(dirs), files)
pruned = []
for top, dirs, files in os.walk('.'):
    pruned.append(top)
    dirs[:] = [d for d in dirs if d != 'h']
print(sorted(pruned))
entries = sorted(os.scandir('h'), key=lambda e: e.name)
print([(e.name, e.path, e.is_dir(), e.is_file(), e.is_symlink(), e.inode() == os.stat(e.path).st_ino) for e in entries])

env = os.environ
env['PYSTM_OS3_A'] = '1'
env.update({'PYSTM_OS3_B': '2'}, PYSTM_OS3_C='3')
print(env['PYSTM_OS3_A'], env['PYSTM_OS3_B'], env['PYSTM_OS3_C'], os.getenv('PYSTM_OS3_C'))
print(sorted(k for k in env if k.startswith('PYSTM_OS3')), sorted((k, v) for k, v in env.items() if k.startswith('PYSTM_OS3')))
print(env.pop('PYSTM_OS3_B'), env.pop('PYSTM_OS3_B', 'gone'), 'PYSTM_OS3_B' in env)
for key in ['PYSTM_OS3_A', 'PYSTM_OS3_C']:
    del env[key]
print([k for k in env if k.startswith('PYSTM_OS3')], env == env, (env | {'X': 'y'})['X'])
for f in [lambda: env['PYSTM_OS3_A'], lambda: env.pop('PYSTM_OS3_A'), lambda: env.__delitem__('PYSTM_OS3_A'),
          lambda: env[5], lambda: 5 in env, lambda: env.__setitem__('K', None), lambda: os.getenv(5), lambda: os.removedirs('nope'),
          lambda: os.makedirs(''), lambda: os.mkdir('')]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)

os.chdir(base)
for top, dirs, files in os.walk(tmp, topdown=False):
    for name in dirs:
        os.rmdir(os.path.join(top, name))
os.rmdir(tmp)
print(os.path.exists(tmp))

# stdout is flushed at exit, before the traceback of an uncaught exception
import sys

print('before', end='')
sys.stdout.write(' and after')
sys.stderr.write('stderr line\n')
raise ValueError('boom')

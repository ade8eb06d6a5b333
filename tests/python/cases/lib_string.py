# string: constants, capwords, Template
import string
from string import Template


def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


for name in ['ascii_letters', 'ascii_lowercase', 'ascii_uppercase', 'digits',
             'hexdigits', 'octdigits', 'punctuation', 'printable', 'whitespace']:
    value = getattr(string, name)
    print(name, repr(value), len(value))
print(string.capwords('  hello   world  foo'), string.capwords('a-b-c', '-'))
print(string.capwords('hELLO wORLD'), repr(string.capwords('')), string.capwords('x  y', ' '))
print(string.capwords("they're bill's friends"), string.capwords('tab\tsep\nnl'))

s = Template('$who likes $what')
print(s.substitute(who='tim', what='kung pao'), s.template)
print(s.substitute({'who': 'ann', 'what': 'tea'}))
print(s.substitute({'who': 'ann', 'what': 'tea'}, what='coffee'))
print(s.safe_substitute({'who': 'tim'}), s.safe_substitute())
print(Template('${noun}ification costs $$5').substitute(noun='simpl'))
print(Template('$$a $${a} $$$a').substitute(a='X'))
print(Template('$a$b ${a}${b}c $_x9 $a_b').substitute(a=1, b=2, _x9=3, a_b=4))
print(Template('$Aa $aA').substitute(Aa='up', aA='down'))
print(Template('$a.b $a-b $a1').safe_substitute(a='A'))
print(Template('no placeholders').substitute(), Template('').substitute())
print(Template('$a').substitute(a=[1, 2]), Template('$x').substitute(x=None))
print(Template('Give $who $100').safe_substitute(who='x'))
print(Template('abc$').safe_substitute(), Template('${}').safe_substitute())
print(Template('${a b} $é ${a').safe_substitute(a=1))
t = Template('$a and ${b} and $a and $$c and $9')
print(t.get_identifiers(), t.is_valid())
print(Template('$a ${b}').is_valid(), Template('$').is_valid())
print(Template.delimiter, Template.idpattern, Template.braceidpattern)


class Percent(Template):
    delimiter = '%'


print(Percent('%who owes %%%amount').substitute(who='bob', amount=5))
print(Percent('%{x}y $z').safe_substitute(x=1))


class Mapping:
    def __getitem__(self, key):
        return key.upper()


print(Template('$hello ${world}').substitute(Mapping()))

attempt('missing key', lambda: Template('$who likes $what').substitute({'who': 'tim'}))
attempt('invalid $100', lambda: Template('Give $who $100').substitute(who='x'))
attempt('trailing $', lambda: Template('${noun}ification $$ $').substitute(noun='x'))
attempt('line 2', lambda: Template('line1\nab $').substitute())
attempt('line 2 brace', lambda: Template('line1\nab ${a').substitute())
attempt('space in braces', lambda: Template('${a b}').substitute())
attempt('braces spaces', lambda: Template('${ a }').substitute(a=1))
attempt('case', lambda: Template('$A').substitute(a=1))
attempt('not a mapping', lambda: Template('$a').substitute(1))
attempt('two mappings', lambda: Template('$a').substitute({'a': 1}, {'b': 2}))
attempt('crlf lines', lambda: Template('a\r\nb\rc $').substitute())


# Formatter

f = string.Formatter()
def t(fn):
    try: print(repr(fn()))
    except Exception as e: print(type(e).__name__, e)
t(lambda: list(f.parse('a{{b}}c{0!r:>{1}} {x.y[2]} {} end')))
t(lambda: list(f.parse('{')))
t(lambda: list(f.parse('}')))
t(lambda: list(f.parse('{0!rr}')))
t(lambda: list(f.parse('{a[:]}')))
t(lambda: list(f.parse('{a[}')))
t(lambda: list(f.parse('x{0:{1:{2}}}')))
t(lambda: list(f.parse('')))
t(lambda: list(f.parse('{{}}')))
t(lambda: list(f.parse('a}}')))
t(lambda: f.format('{0} {1!r} {name:>5}|', 1, 'a', name='n'))
t(lambda: f.format('{} {}', 1, 2))
t(lambda: f.format('{0} {}', 1, 2))
t(lambda: f.format('{} {0}', 1, 2))
t(lambda: f.format('{0[1]} {0[0]}', [5, 6]))
t(lambda: f.format('{:{}}', 'x', 4))
t(lambda: f.format('{0!x}', 1))
t(lambda: f.format('{0:{1:{2:{3}}}}', 1, 2, 3, 4))
t(lambda: f.format('{a}'))
t(lambda: f.format('{1}', 1))
t(lambda: f.vformat('{0}{k}', (1,), {'k': 2}))
t(lambda: f.format('{0.}', 1))
t(lambda: f.format('{0[]}', 1))
t(lambda: f.format('{0[0]x}', [1]))
t(lambda: f.format('{0[a]:^9}|{p.x!s:*<4}', {'a': 'A'}, p=type('P', (), {'x': 3})()))
t(lambda: f.format('{!a} {!s:3}', 'é', 1))
t(lambda: f.format('{0:.{1}f}', 3.14159, 2))
class Upper(string.Formatter):
    def format_field(self, value, spec):
        return format(value, spec).upper()
    def get_value(self, key, args, kwargs):
        if isinstance(key, str) and key not in kwargs:
            return '<%s>' % key
        return super().get_value(key, args, kwargs)
t(lambda: Upper().format('{0} {missing} {x}', 'abc', x='y'))
class Strict(string.Formatter):
    def check_unused_args(self, used, args, kwargs):
        extra = set(kwargs) - used
        if extra:
            raise ValueError('unused: %s' % sorted(extra))
t(lambda: Strict().format('{a}', a=1, b=2))

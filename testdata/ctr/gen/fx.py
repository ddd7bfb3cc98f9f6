# Fixture builder for testdata/ctr (compact Sandesh XML, spec §2).
import os, sys
PI = '<?xml-stylesheet type="text/xsl" href="/universal_parse.xsl"?>'
def esc(s): return s.replace('&','&amp;').replace("'",'&apos;').replace('<','&lt;').replace('>','&gt;')
def f(name, typ, ident, val, **attrs):
    a = ''.join(' %s="%s"' % (k, v) for k, v in sorted(attrs.items()))
    if typ in ('list',):
        etype, items = val
        if etype == 'struct':
            inner = ''.join(items)
        else:
            inner = ''.join('<element>%s</element>' % esc(str(i)) for i in items)
        return '<%s type="list" identifier="%d"%s><list type="%s" size="%d">%s</list></%s>' % (name, ident, a, etype, len(items), inner, name)
    if typ == 'struct':
        return '<%s type="struct" identifier="%d"%s>%s</%s>' % (name, ident, a, val, name)
    if typ == 'bool': val = 'true' if val else 'false'
    return '<%s type="%s" identifier="%d"%s>%s</%s>' % (name, typ, ident, a, esc(str(val)), name)
def s(name, *fields): return '<%s>%s</%s>' % (name, ''.join(fields), name)
def resp(name, *fields, more=True):
    m = f('more','bool',0,False) if more else ''
    return '<%s type="sandesh">%s%s</%s>' % (name, ''.join(fields), m, name)
def doc(*parts):
    if len(parts) == 1: return PI + parts[0]
    first = parts[0][1:parts[0].index(' ')]
    return PI + '<__%s_list type="slist">%s</__%s_list>' % (first, ''.join(parts), first)
def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    open(path, 'w').write(text)

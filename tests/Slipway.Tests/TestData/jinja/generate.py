"""Renders each case with Jinja2 as towncrier configures it and records the output or the error class.

Run: python3 generate.py  (Jinja2 3.1; writes cases.json). The tests compare Slipway's renderer with these results.
"""
import copy
import json

import jinja2

CTX = {
    "s": "Hello World", "n": 3, "z": 0, "f": 2.5, "t": True, "no": None, "empty": "", "el": [],
    "l": ["b", "a", "C"], "nums": [3, 1, 2], "d": {"b": 2, "a": 1, "c": 3}, "nested": {"x": {"y": "deep"}},
    "issues": ["#1", "#12", "#3"], "text": "fix: thing\n  - sub item", "multi": "line1\nline2\n\nline4",
    "pairs": [{"name": "x", "v": 2}, {"name": "Y", "v": 1}], "ws": "  padded  ", "uni": "caf\u00e9 \U0001F600 \u00df",
}

CASES = [
    # output and filters
    ("plain", "hello"), ("var", "{{ s }}"), ("int", "{{ n }}"), ("float", "{{ f }}"), ("bool", "{{ t }} {{ no }}"),
    ("list_str", "{{ l }}"), ("dict_str", "{{ d }}"), ("tuple_str", "{{ (1, 'a') }} {{ (1,) }}"),
    ("items_str", "{{ d.items() }}"), ("keys_str", "{{ d.keys() }}"),
    ("undefined_print", "[{{ missing }}]"), ("undefined_falsy", "{% if missing %}y{% else %}n{% endif %}"),
    ("undefined_iter", "{% for x in missing %}x{% else %}empty{% endfor %}"),
    ("undefined_len", "{{ missing|length }}"), ("undefined_default", "{{ missing|default('dflt') }}"),
    ("default_bool", "{{ empty|default('e', true) }}|{{ empty|d('e') }}"),
    ("undefined_attr", "{{ missing.x }}"), ("undefined_call", "{{ missing() }}"), ("undefined_add", "{{ missing + 1 }}"),
    ("undefined_item", "{{ missing[0] }}"), ("undefined_lt", "{{ missing < 1 }}"), ("undefined_eq", "{{ missing == none }}"),
    ("undefined_in", "{{ 'a' in missing }}"), ("undefined_concat", "{{ missing ~ 'x' }}"),
    ("missing_key_print", "[{{ d.zz }}][{{ d['zz'] }}][{{ l[10] }}]"), ("missing_key_attr", "{{ d.zz.y }}"),
    ("join", "{{ l|join(', ') }}|{{ nums|join }}|{{ pairs|join('-', attribute='name') }}"),
    ("length", "{{ l|length }} {{ s|length }} {{ d|count }} {{ uni|length }}"),
    ("sort", "{{ l|sort }} {{ l|sort(case_sensitive=true) }} {{ nums|sort(reverse=true) }} {{ pairs|sort(attribute='v')|map(attribute='name')|join }}"),
    ("dictsort", "{{ d|dictsort }} {{ d|dictsort(by='value', reverse=true) }}"),
    ("sort_mixed", "{{ [1, 'a']|sort }}"), ("sort_undefined", "{{ [missing, 1]|sort }}"),
    ("dictsort_bad", "{{ d|dictsort(by='nope') }}"),
    ("map", "{{ l|map('upper')|join(',') }} {{ pairs|map(attribute='v')|list }} {{ pairs|map(attribute='q', default='-')|join }}"),
    ("map_length", "{{ l|map('upper')|length }}"),
    ("select", "{{ nums|select('odd')|list }} {{ [0, 1, '', 'a']|select|list }} {{ nums|reject('odd')|list }}"),
    ("selectattr", "{{ pairs|selectattr('v', 'equalto', 2)|map(attribute='name')|join }}"),
    ("first_last", "{{ l|first }} {{ l|last }} {{ s|first }} [{{ el|first }}] {{ d|first }}"),
    ("case", "{{ s|lower }} {{ s|upper }} {{ 'hello wORLD-foo (bar)'|title }} {{ 'my_pkg 1st'.title() }} {{ 'hELLO'|capitalize }}"),
    ("replace", "{{ s|replace('o', '0') }} {{ s|replace('o', '0', 1) }} {{ 'ab'|replace('', '-') }}"),
    ("indent", "{{ multi|indent }}|{{ multi|indent(2, true) }}|{{ multi|indent('> ', blank=true) }}|{{ 'x'|indent }}"),
    ("escape", "{{ '<a href=\"x\">&\\'</a>'|e }} {{ '<b>'|escape ~ '<i>' }} {{ '<b>'|e + '<i>' }}"),
    ("int_filter", "{{ '42'|int }} {{ ' 7 '|int }} {{ '4.7'|int }} {{ 'x'|int }} {{ 'x'|int(-1) }} {{ f|int }} {{ '1_000'|int }} {{ t|int }}"),
    ("string_filter", "{{ n|string ~ 'x' }} {{ l|string }}"),
    ("trim", "[{{ ws|trim }}] [{{ 'xxhixx'|trim('x') }}]"),
    ("joiner", "{% set comma = joiner(', ') %}{% for x in l %}{{ comma() }}{{ x }}{% endfor %}"),
    ("filter_chain_prec", "{{ '=' * s|length }}|{{ (s + s)|length + 4 }}|{{ -n|abs }}"),
    ("list_filter", "{{ s|list }} {{ d|list }}"), ("reverse", "{{ s|reverse }} {{ l|reverse|list }}"),
    ("unique", "{{ ['a', 'A', 'b', 'a']|unique|list }}"), ("sum", "{{ nums|sum }} {{ pairs|sum(attribute='v') }}"),
    ("minmax", "{{ nums|max }} {{ l|min }}"),
    # statements
    ("if_elif", "{% for x in nums %}{% if x == 1 %}one{% elif x == 2 %}two{% else %}other{% endif %} {% endfor %}"),
    ("for_loop", "{% for x in l %}{{ loop.index }}/{{ loop.index0 }}/{{ loop.length }}/{{ loop.first }}/{{ loop.last }}/{{ loop.revindex }} {% endfor %}"),
    ("for_else", "{% for x in el %}x{% else %}none{% endfor %}"),
    ("for_filter", "{% for x in nums if x > 1 %}{{ x }}{{ loop.length }}{% else %}no{% endfor %}"),
    ("for_filter_empty", "{% for x in nums if x > 10 %}{{ x }}{% else %}no{% endfor %}"),
    ("for_unpack", "{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}"),
    ("for_unpack_paren", "{% for (k, v) in d|dictsort %}{{ k }}{{ v }}{% endfor %}"),
    ("for_dict", "{% for k in d %}{{ k }}{% endfor %}"), ("for_string", "{% for c in 'abc' %}{{ c }}.{% endfor %}"),
    ("for_cycle", "{% for x in l %}{{ loop.cycle('odd', 'even') }} {% endfor %}"),
    ("for_prev_next", "{% for x in l %}{{ loop.previtem }}<{{ x }}>{{ loop.nextitem }} {% endfor %}"),
    ("nested_loop", "{% for a in [1, 2] %}{% for b in 'xy' %}{{ a }}{{ b }}{{ loop.index }} {% endfor %}{% endfor %}"),
    ("set_scope", "{% set v = 1 %}{% for x in l %}{% set v = v + 1 %}{{ v }}{% endfor %}{{ v }}"),
    ("set_if_scope", "{% if true %}{% set w = 5 %}{% endif %}{{ w }}"),
    ("namespace", "{% set ns = namespace(c=0) %}{% for x in nums %}{% set ns.c = ns.c + x %}{% endfor %}{{ ns.c }}"),
    ("set_tuple", "{% set a, b = 1, 2 %}{{ a }}{{ b }}"),
    ("set_block", "{% set blk %}inner {{ n }}{% endset %}[{{ blk }}]"),
    ("unpack_error", "{% for a, b in l %}{% endfor %}"),
    ("comment", "a{# comment #}b{#- strip -#}  c"),
    ("raw", "{% raw %}{{ not parsed }}{% endraw %}"),
    ("print_tag", "{% print n + 1 %}"),
    ("with", "{% with a = n, b = n + 1 %}{{ a }}{{ b }}{% set c = 1 %}{% endwith %}[{{ a }}{{ c }}]"),
    # whitespace
    ("trim_blocks", "{% if true %}\nyes\n{% endif %}\nend\n"),
    ("keep_one_newline", "a\n\n"), ("no_newline", "a"), ("crlf", "a\r\n{% if true %}\r\nb\r\n{% endif %}\r\n"),
    ("strip_markers", "a   {%- if true -%}   b   {%- endif -%}   c {{- ' d ' -}} e"),
    ("plus_marker", "{% if true +%}\nkept\n{% endif %}"),
    ("comment_trim", "{# c #}\nafter"),
    ("var_no_trim", "{{ n }}\nafter"),
    # expressions
    ("inline_if", "{{ 'y' if t else 'n' }} [{{ 'y' if no }}] {{ 'a' if z else 'b' if n else 'c' }}"),
    ("arith", "{{ 7 // 2 }} {{ -7 // 2 }} {{ 7 % 3 }} {{ -7 % 3 }} {{ 7 / 2 }} {{ 2 ** 10 }} {{ 1 + 2 * 3 }} {{ (1 + 2) * 3 }} {{ 10 - 3 - 2 }} {{ 6 / 3 }}"),
    ("float_fmt", "{{ 0.1 + 0.2 }} {{ 1e20 }} {{ 1.5e-7 }} {{ 100.0 }} {{ 1 / 3 }} {{ 2 ** -1 }}"),
    ("div_zero", "{{ 1 / 0 }}"), ("str_times", "{{ '=' * 3 }}{{ 2 * 'ab' }}{{ '-' * 0 }}{{ [1] * 2 }}"),
    ("concat", "{{ 'a' ~ 1 ~ none ~ missing ~ t }}"), ("str_plus_int", "{{ 'a' + 1 }}"),
    ("compare", "{{ 1 < 2 < 3 }} {{ 3 > 2 > 2 }} {{ 'a' < 'b' }} {{ [1, 2] < [1, 3] }} {{ 1 == 1.0 }} {{ t == 1 }} {{ 'a' != 'a' }}"),
    ("compare_mixed", "{{ 1 < 'a' }}"),
    ("in_ops", "{{ 'ell' in s }} {{ 'b' in l }} {{ 'a' in d }} {{ 'z' not in d }} {{ not 'x' in l }}"),
    ("in_bad", "{{ 1 in s }}"),
    ("logic", "{{ n and 'yes' }} {{ z or 'fallback' }} {{ not n }} {{ el or 'E' }} {{ none and 1 }}"),
    ("tests", "{{ n is odd }} {{ n is even }} {{ 9 is divisibleby 3 }} {{ missing is defined }} {{ n is defined }} {{ missing is not defined }} {{ no is none }} {{ s is string }} {{ d is mapping }} {{ l is sequence }} {{ n is number }} {{ f is integer }} {{ 'a' is in l }} {{ n is eq 3 }} {{ 1 is lt 2 }} {{ t is sameas true }}"),
    ("slicing", "{{ l[1:] }} {{ s[:5] }} {{ s[::-1] }} {{ l[-1] }} {{ s[-5:-1] }} {{ nums[::2] }} {{ l[5:] }} {{ s[6] }}"),
    ("subscripts", "{{ nested.x.y }} {{ nested['x']['y'] }} {{ l.0 }} {{ d['a'] }} {{ pairs[1].name }}"),
    ("methods", "{{ text.split(': ', 1)[0] }} {{ s.split() }} {{ ws.strip() }} {{ s.startswith('He') }} {{ s.endswith(('x', 'ld')) }} {{ s.replace('l', 'L') }} {{ s.lower() }} {{ ', '.join(l) }} {{ multi.splitlines() }} {{ d.get('a') }} {{ d.get('q', 'none') }} {{ d.values() }} {{ 'a,b,,c'.split(',') }} {{ ' a  b '.split(None, 1) }} {{ 'a.b.c'.rsplit('.', 1) }}"),
    ("literals", "{{ [1, 'two', none, true] }} {{ {'k': 'v', 1: 2} }} {{ 'adj' 'acent' }} {{ \"dq\\n\" }} {{ 0x1F }} {{ 1_000 }}"),
    ("range", "{{ range(3)|list }} {{ range(1, 10, 3)|list }} {{ range(3) }} {% for i in range(2) %}{{ i }}{% endfor %}"),
    ("unicode", "{{ uni|upper }} {{ uni[5] }} {{ uni|reverse }}"),
    ("repr_strings", "{{ [\"it's\", 'say \"hi\"', 'tab\\t', 'both \\' \"'] }}"),
    ("tuple_in_print", "{{ 1, 2 }}"),
    ("filter_on_neg", "{{ -3|abs }}"),
    ("towncrier_like", "{% for text, values in {'Fixed (#1)': ['#1'], '': ['#2', '#3']}.items() %}- {{ text }}{% if values %} {{ values|join(', ') }}{% endif %}\n{% endfor %}"),
    # syntax errors and unknown names
    ("unknown_filter", "{{ n|nosuch }}"), ("unknown_tag", "{% nosuch %}"), ("unclosed_if", "{% if n %}x"),
    ("unknown_test", "{{ n is nosuch }}"), ("bad_expr", "{{ 1 + }}"), ("stray_end", "{% endif %}"),
    ("unclosed_comment", "{# never closed"), ("unclosed_var", "{{ n "),
]

UNSUPPORTED = [
    ("macro", "{% macro m() %}x{% endmacro %}{{ m() }}"), ("include", "{% include 'x' %}"), ("extends", "{% extends 'x' %}"),
    ("block", "{% block b %}x{% endblock %}"), ("filter_tag", "{% filter upper %}x{% endfilter %}"),
("wordwrap", "{{ s|wordwrap(5) }}"), ("format_filter", "{{ '%s'|format(1) }}"),
    ("str_format", "{{ '{}'.format(1) }}"), ("percent_format", "{{ '%s' % 1 }}"), ("recursive", "{% for x in l recursive %}{% endfor %}"),
    ("loop_changed", "{% for x in l %}{{ loop.changed(x) }}{% endfor %}"), ("print_function", "{{ joiner }}"),
    ("round", "{{ f|round }}"), ("list_append", "{{ l.append(1) }}"), ("dunder", "{{ s.__class__ }}"),
    ("star_args", "{{ range(*nums) }}"), ("deep_nesting", "{{ " + "(" * 150 + "1" + ")" * 150 + " }}"), ("map_print", "{{ l|map('upper') }}"), ("batch", "{{ l|batch(2)|list }}"),
]


def render(source):
    env = jinja2.Environment(trim_blocks=True)
    try:
        return {"expected": env.from_string(source).render(**copy.deepcopy(CTX))}
    except jinja2.UndefinedError as e:
        return {"error": "Undefined", "detail": str(e)}
    except (jinja2.TemplateSyntaxError, jinja2.TemplateAssertionError) as e:
        return {"error": "Syntax", "detail": str(e)}
    except Exception as e:  # noqa: BLE001 - any other error Jinja raises while rendering
        return {"error": "Runtime", "detail": f"{type(e).__name__}: {e}"}


out = {"context": CTX, "cases": [], "unsupported": []}
for name, source in CASES:
    out["cases"].append({"name": name, "template": source, **render(source)})
for name, source in UNSUPPORTED:
    out["unsupported"].append({"name": name, "template": source, "jinja": render(source)})
with open("cases.json", "w", encoding="utf-8") as f:
    json.dump(out, f, ensure_ascii=False, indent=1)
    f.write("\n")

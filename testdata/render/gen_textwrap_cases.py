#!/usr/bin/python3
"""Writes textwrap_cases.json: random cell lines and Python's
textwrap.fill of each at a random width. The Go port (introspect/render,
TestTextwrapMatchesPython) must reproduce every case. Run once with the
Python whose behaviour ist.py users see (Debian 12: 3.11):
    /usr/bin/python3 gen_textwrap_cases.py > textwrap_cases.json
"""
import json, random, sys, textwrap

random.seed(20261123)
# Characters that steer wordsep_re and _handle_long_word: letters, digits,
# hyphens (single and runs), word punctuation, other punctuation, tabs and
# other ASCII whitespace, non-breaking and wide characters.
alphabet = (list("abcdefghijklmnopXYZ") * 3 + list("0123456789") +
            list("-") * 8 + list(" ") * 8 + list(".,!?'\"&:/_=@()[]") +
            ["\t", "\x0b", "\x0c", "\r", "\xa0", "\u3000", "\x1c", "é", "ß", "日", "本", "²", "٣"])
words = ["default-domain", "k8s-default-pod-network", "10.1.1.3/32", "--",
         "a-b-c", "tap1a2b3c4d-5e", "x--y", "---", "foo.--bar", "e-mail",
         "default-domain:k8s-default:k8s-default-pod-network"]
cases = []
for i in range(2000):
    if i % 3 == 0:
        text = " ".join(random.choice(words) for _ in range(random.randint(1, 6)))
    else:
        text = "".join(random.choice(alphabet) for _ in range(random.randint(1, 90)))
    width = random.randint(1, 40)
    cases.append({"text": text, "width": width, "fill": textwrap.fill(text, width)})
json.dump({"python": sys.version.split()[0], "cases": cases}, sys.stdout,
          ensure_ascii=True, indent=0)
sys.stdout.write("\n")

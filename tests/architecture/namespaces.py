#!/usr/bin/env python3
"""Fails (exit 1) when two namespaces of src/ use each other: the layers of docs/architecture.md must be acyclic.

A namespace A uses B when a file of A names a type declared (only) in B, outside comments and strings,
either bare or qualified by a namespace segment (Plasticity.PlasticityRuntime). Names declared in two
namespaces, names that are also namespace segments, property declarations and named arguments are
ignored: a text scan, not a compiler, so it can miss a use but does not invent one it reports.
Run: /usr/bin/python3 tests/architecture/namespaces.py [src]
"""
import re,os,collections,sys
root=sys.argv[1] if len(sys.argv)>1 else 'src'
files={}
decl={}
for r,_,fs in os.walk(root):
    if '/obj' in r or '/bin' in r: continue
    for f in fs:
        if f.endswith('.cs'):
            p=os.path.join(r,f); t=open(p).read()
            t=re.sub(r'//.*','',t); t=re.sub(r'/\*.*?\*/','',t,flags=re.S); t=re.sub(r'"(?:\\.|[^"\\])*"','""',t)
            m=re.search(r'^namespace\s+([\w.]+)',t,re.M)
            if not m: continue
            ns=m.group(1); files[p]=(ns,t)
            for tn in re.findall(r'\b(?:class|struct|interface|record|enum|delegate\s+\w+)\s+(\w+)',t):
                decl.setdefault(tn,set()).add(ns)
segs={s for ns,_ in files.values() for s in ns.split('.')}
uniq={t:next(iter(n)) for t,n in decl.items() if len(n)==1 and t not in segs and t not in ('Event','Batch','Result')}
deps=collections.defaultdict(lambda: collections.defaultdict(set))
for p,(ns,t) in files.items():
    words=set(re.findall(r'(?<![.\w])[A-Z]\w+\b(?!\s*\{\s*(?:get|init|set)\b)(?!\s*=[^=>])',t))
    words|={b for a,b in re.findall(r'\b(\w+)\.([A-Z]\w+)\b',t) if a in segs}
    for w in words:
        b=uniq.get(w)
        if b and b!=ns: deps[ns][b].add((os.path.relpath(p,root),w))
seen=set()
found=0
for a in sorted(deps):
    for b in sorted(deps[a]):
        if a in deps.get(b,{}) and (b,a) not in seen:
            seen.add((a,b))
            found+=1
            print(f"{a} <-> {b}")
            print("   ", a,"->",b, sorted(deps[a][b])[:6])
            print("   ", b,"->",a, sorted(deps[b][a])[:6])

print(f"namespace cycles: {found} ({len(files)} files, {len(deps)} namespaces)")
sys.exit(1 if found else 0)

import sys,subprocess,re
# append expected diagnostics to a case's expect map
file, *diags = sys.argv[1:]
s=open(file).read()
lines=s.split('\n')
i=[k for k,l in enumerate(lines) if l.startswith('expect:')][0]
ins=['  diagnostics:']+["    - '"+d.replace("'","''")+"'" for d in diags]
lines[i+1:i+1]=ins
open(file,'w').write('\n'.join(lines))

L=[]
a=L.append
B=['b','h','s','d','q']
# loads/stores
for t in B:
    sz={'b':1,'h':2,'s':4,'d':8,'q':16}[t]
    for mn in ['ldr','str']:
        a(f"{mn} {t}1, [x2]"); a(f"{mn} {t}1, [sp, #{sz*3}]"); a(f"{mn} {t}31, [x2, #{sz*4095}]")
        a(f"{mn} {t}1, [x2, #-7]!"); a(f"{mn} {t}1, [x2], #255"); a(f"{mn} {t}1, [x2, #{sz}]!")
        a(f"{mn} {t}1, [x2, x3]"); a(f"{mn} {t}1, [x2, w3, uxtw]"); a(f"{mn} {t}1, [x2, w3, sxtw]")
        a(f"{mn} {t}1, [x2, x3, sxtx]")
        sh={'b':0,'h':1,'s':2,'d':3,'q':4}[t]
        a(f"{mn} {t}1, [x2, x3, lsl #{sh}]"); a(f"{mn} {t}1, [x2, w3, sxtw #{sh}]"); a(f"{mn} {t}1, [x2, w3, uxtw #{sh}]")
    a(f"ldur {t}1, [x2, #-1]"); a(f"stur {t}1, [x2, #255]"); a(f"ldur {t}1, [x2, #-256]")
for t in 'sdq':
    a(f"ldr {t}5, lit")
    sz={'s':4,'d':8,'q':16}[t]
    for mn in ['ldp','stp','ldnp','stnp']:
        a(f"{mn} {t}1, {t}2, [x3]"); a(f"{mn} {t}1, {t}2, [sp, #{sz*63}]"); a(f"{mn} {t}1, {t}2, [x3, #-{sz*64}]")
    for mn in ['ldp','stp']:
        a(f"{mn} {t}1, {t}2, [x3, #{sz*2}]!"); a(f"{mn} {t}1, {t}2, [x3], #-{sz}")
arr=['8b','16b','4h','8h','2s','4s','1d','2d']
for n in range(1,5):
    for mn in ['ld','st']:
        for ar in arr:
            if n>1 and ar=='1d': continue
            regs=", ".join(f"v{(7+k)%32}.{ar}" for k in range(n))
            by=(16 if ar in ('16b','8h','4s','2d') else 8)*n
            a(f"{mn}{n} {{{regs}}}, [x0]"); a(f"{mn}{n} {{{regs}}}, [x0], #{by}"); a(f"{mn}{n} {{{regs}}}, [x0], x9")
        if n<=4:
            regs=", ".join(f"v{(30+k)%32}.16b" for k in range(n)) 
            a(f"{mn}1 {{{regs}}}, [sp]")
    for el,idx in [('b',15),('h',7),('s',3),('d',1),('b',0),('s',1)]:
        sz={'b':1,'h':2,'s':4,'d':8}[el]
        regs=", ".join(f"v{(3+k)%32}.{el}" for k in range(n))
        for mn in ['ld','st']:
            a(f"{mn}{n} {{{regs}}}[{idx}], [x0]"); a(f"{mn}{n} {{{regs}}}[{idx}], [x0], #{sz*n}"); a(f"{mn}{n} {{{regs}}}[{idx}], [x0], x4")
    for ar in arr:
        regs=", ".join(f"v{(3+k)%32}.{ar}" for k in range(n))
        sz={'b':1,'h':2,'s':4,'d':8}[ar[-1]]
        a(f"ld{n}r {{{regs}}}, [x0]"); a(f"ld{n}r {{{regs}}}, [x0], #{sz*n}"); a(f"ld{n}r {{{regs}}}, [x0], x4")
# moves
for s in ["movi v0.4s, #1","movi v0.2s, #0xff, lsl #24","movi v0.4s, #1, lsl #16","movi v0.4s, #1, msl #16","movi v0.8h, #0x80","movi v0.4h, #0x80, lsl #8",
 "movi v0.16b, #0xff","movi v0.8b, #0","movi v0.2d, #0","movi d3, #0","movi d3, #0xffffffffffffffff","movi v1.2d, #0xff00000000ff","mvni v0.4s, #1","mvni v0.2s, #1, lsl #24","mvni v0.8h, #0x7f","mvni v0.4s, #2, msl #8",
 "orr v0.4s, #1, lsl #8","orr v0.8h, #1","orr v0.4h, #1, lsl #8","bic v0.4s, #0xff, lsl #24","bic v0.8h, #1, lsl #8","bic v0.2s, #1"]:
    a(s)
for s in ["mov v0.16b, v1.16b","mov v0.8b, v1.8b","orr v0.16b, v1.16b, v2.16b","mvn v0.16b, v1.16b","mvn v0.8b, v1.8b","rbit v0.16b, v1.16b",
 "mov w0, v1.s[3]","mov x0, v1.d[1]","umov w0, v1.b[15]","umov w0, v1.h[7]","smov w0, v1.b[15]","smov w0, v1.h[7]","smov x0, v1.b[1]","smov x0, v1.h[1]","smov x0, v1.s[3]",
 "mov v0.b[15], w1","mov v0.h[7], w1","mov v0.s[3], w1","mov v0.d[1], x1","mov v0.d[0], xzr","mov v0.b[3], v2.b[15]","mov v0.h[3], v2.h[7]","mov v0.d[1], v2.d[0]",
 "mov b0, v1.b[15]","mov h0, v1.h[7]","mov s0, v1.s[3]","mov d0, v1.d[1]",
 "dup v0.16b, w1","dup v0.8b, w1","dup v0.4h, w1","dup v0.8h, wzr","dup v0.2s, w1","dup v0.4s, w1","dup v0.2d, x1",
 "dup v0.16b, v1.b[15]","dup v0.8b, v1.b[0]","dup v0.4h, v1.h[7]","dup v0.2s, v1.s[3]","dup v0.2d, v1.d[1]",
 "fmov s0, w1","fmov w0, s1","fmov d0, x1","fmov x0, d1","fmov v0.d[1], x1","fmov x0, v1.d[1]","fmov s0, s1","fmov d0, d1","fmov d0, xzr","fmov wzr, s1",
 "ext v0.16b, v1.16b, v2.16b, #15","ext v0.8b, v1.8b, v2.8b, #7"]:
    a(s)
for mn in ['zip1','zip2','uzp1','uzp2','trn1','trn2']:
    for ar in arr:
        if ar=='1d': continue
        a(f"{mn} v0.{ar}, v1.{ar}, v2.{ar}")
for ar in ['8b','16b','4h','8h','2s','4s']:
    a(f"rev64 v0.{ar}, v1.{ar}")
for ar in ['8b','16b','4h','8h']:
    a(f"rev32 v0.{ar}, v1.{ar}")
for ar in ['8b','16b']:
    a(f"rev16 v0.{ar}, v1.{ar}")
for n in range(1,5):
    for mn in ['tbl','tbx']:
        for ar in ['8b','16b']:
            regs=", ".join(f"v{(30+k)%32}.16b" for k in range(n))
            a(f"{mn} v0.{ar}, {{{regs}}}, v5.{ar}")
            regs=", ".join(f"v{(1+k)%32}.16b" for k in range(n))
            a(f"{mn} v0.{ar}, {{{regs}}}, v5.{ar}")
# three same
same_bhs=['shadd','srhadd','shsub','smax','smin','sabd','saba','mla','mul','smaxp','sminp','uhadd','urhadd','uhsub','umax','umin','uabd','uaba','mls','umaxp','uminp']
same_all=['sqadd','sqsub','cmgt','cmge','sshl','sqshl','srshl','sqrshl','add','cmtst','addp','uqadd','uqsub','cmhi','cmhs','ushl','uqshl','urshl','uqrshl','sub','cmeq']
for mn in same_bhs:
    for ar in arr[:6]: a(f"{mn} v0.{ar}, v1.{ar}, v2.{ar}")
for mn in same_all:
    for ar in arr:
        if ar=='1d': continue
        a(f"{mn} v0.{ar}, v1.{ar}, v2.{ar}")
for mn in ['sqdmulh','sqrdmulh']:
    for ar in ['4h','8h','2s','4s']: a(f"{mn} v0.{ar}, v1.{ar}, v2.{ar}")
for ar in ['8b','16b']:
    a(f"pmul v0.{ar}, v1.{ar}, v2.{ar}")
    for mn in ['and','bic','orn','eor','bsl','bit','bif']: a(f"{mn} v0.{ar}, v1.{ar}, v2.{ar}")
for mn in ['sqadd','sqsub','uqadd','uqsub','sqshl','uqshl','sqrshl','uqrshl']:
    for t in 'bhsd': a(f"{mn} {t}0, {t}1, {t}2")
for mn in ['cmgt','cmge','cmhi','cmhs','cmtst','cmeq','sshl','ushl','srshl','urshl','add','sub']:
    a(f"{mn} d0, d1, d2")
for mn in ['sqdmulh','sqrdmulh']:
    for t in 'hs': a(f"{mn} {t}0, {t}1, {t}2")
# three diff
for mn in ['saddl','ssubl','sabal','sabdl','smlal','smlsl','smull','uaddl','usubl','uabal','uabdl','umlal','umlsl','umull']:
    for s,(w,n) in enumerate([('8h','8b'),('4s','4h'),('2d','2s')]):
        a(f"{mn} v0.{w}, v1.{n}, v2.{n}")
        n2={'8b':'16b','4h':'8h','2s':'4s'}[n]
        a(f"{mn}2 v0.{w}, v1.{n2}, v2.{n2}")
for mn in ['saddw','ssubw','uaddw','usubw']:
    for w,n in [('8h','8b'),('4s','4h'),('2d','2s')]:
        n2={'8b':'16b','4h':'8h','2s':'4s'}[n]
        a(f"{mn} v0.{w}, v1.{w}, v2.{n}"); a(f"{mn}2 v0.{w}, v1.{w}, v2.{n2}")
for mn in ['addhn','subhn','raddhn','rsubhn']:
    for w,n in [('8h','8b'),('4s','4h'),('2d','2s')]:
        n2={'8b':'16b','4h':'8h','2s':'4s'}[n]
        a(f"{mn} v0.{n}, v1.{w}, v2.{w}"); a(f"{mn}2 v0.{n2}, v1.{w}, v2.{w}")
a("pmull v0.8h, v1.8b, v2.8b"); a("pmull2 v0.8h, v1.16b, v2.16b"); a("pmull v0.1q, v1.1d, v2.1d"); a("pmull2 v0.1q, v1.2d, v2.2d")
# two misc
for mn in ['saddlp','sadalp','uaddlp','uadalp']:
    for w,n in [('4h','8b'),('8h','16b'),('2s','4h'),('4s','8h'),('1d','2s'),('2d','4s')]:
        a(f"{mn} v0.{w}, v1.{n}")
for mn in ['suqadd','sqabs','abs','usqadd','sqneg','neg']:
    for ar in arr:
        if ar=='1d': continue
        a(f"{mn} v0.{ar}, v1.{ar}")
    a(f"{mn} d0, d1")
for mn in ['suqadd','sqabs','usqadd','sqneg']:
    for t in 'bhs': a(f"{mn} {t}0, {t}1")
for mn in ['cmgt','cmeq','cmlt','cmge','cmle']:
    for ar in arr:
        if ar=='1d': continue
        a(f"{mn} v0.{ar}, v1.{ar}, #0")
    a(f"{mn} d0, d1, #0")
for mn in ['cls','clz']:
    for ar in arr[:6]: a(f"{mn} v0.{ar}, v1.{ar}")
a("cnt v0.8b, v1.8b"); a("cnt v0.16b, v1.16b")
for mn in ['xtn','sqxtn','sqxtun','uqxtn']:
    for w,n in [('8h','8b'),('4s','4h'),('2d','2s')]:
        n2={'8b':'16b','4h':'8h','2s':'4s'}[n]
        a(f"{mn} v0.{n}, v1.{w}"); a(f"{mn}2 v0.{n2}, v1.{w}")
for mn in ['sqxtn','sqxtun','uqxtn']:
    for n,w in [('b','h'),('h','s'),('s','d')]: a(f"{mn} {n}0, {w}1")
for w,n in [('8h','8b'),('4s','4h'),('2d','2s')]:
    n2={'8b':'16b','4h':'8h','2s':'4s'}[n]
    sh={'8b':8,'4h':16,'2s':32}[n]
    a(f"shll v0.{w}, v1.{n}, #{sh}"); a(f"shll2 v0.{w}, v1.{n2}, #{sh}")
# across
for mn in ['addv','smaxv','sminv','umaxv','uminv']:
    for t,ar in [('b','8b'),('b','16b'),('h','4h'),('h','8h'),('s','4s')]: a(f"{mn} {t}0, v1.{ar}")
for mn in ['saddlv','uaddlv']:
    for t,ar in [('h','8b'),('h','16b'),('s','4h'),('s','8h'),('d','4s')]: a(f"{mn} {t}0, v1.{ar}")
a("addp d0, v1.2d")
# shifts
for mn in ['sshr','ssra','srshr','srsra','ushr','usra','urshr','ursra','sri']:
    for ar in arr:
        if ar=='1d': continue
        es={'b':8,'h':16,'s':32,'d':64}[ar[-1]]
        a(f"{mn} v0.{ar}, v1.{ar}, #1"); a(f"{mn} v0.{ar}, v1.{ar}, #{es}")
    a(f"{mn} d0, d1, #64"); a(f"{mn} d0, d1, #3")
for mn in ['shl','sli','sqshl','uqshl','sqshlu']:
    for ar in arr:
        if ar=='1d': continue
        es={'b':8,'h':16,'s':32,'d':64}[ar[-1]]
        a(f"{mn} v0.{ar}, v1.{ar}, #0"); a(f"{mn} v0.{ar}, v1.{ar}, #{es-1}")
    a(f"{mn} d0, d1, #63")
for mn in ['sqshl','uqshl','sqshlu']:
    for t in 'bhs': a(f"{mn} {t}0, {t}1, #2")
for mn in ['shrn','rshrn','sqshrn','sqrshrn','sqshrun','sqrshrun','uqshrn','uqrshrn']:
    for w,n in [('8h','8b'),('4s','4h'),('2d','2s')]:
        n2={'8b':'16b','4h':'8h','2s':'4s'}[n]
        es={'8b':8,'4h':16,'2s':32}[n]
        a(f"{mn} v0.{n}, v1.{w}, #1"); a(f"{mn}2 v0.{n2}, v1.{w}, #{es}")
for mn in ['sqshrn','sqrshrn','sqshrun','sqrshrun','uqshrn','uqrshrn']:
    for n,w,es in [('b','h',8),('h','s',16),('s','d',32)]: a(f"{mn} {n}0, {w}1, #{es}")
for mn in ['sshll','ushll']:
    for w,n in [('8h','8b'),('4s','4h'),('2d','2s')]:
        n2={'8b':'16b','4h':'8h','2s':'4s'}[n]
        a(f"{mn} v0.{w}, v1.{n}, #3"); a(f"{mn}2 v0.{w}, v1.{n2}, #1")
for mn in ['sxtl','uxtl']:
    for w,n in [('8h','8b'),('4s','4h'),('2d','2s')]:
        n2={'8b':'16b','4h':'8h','2s':'4s'}[n]
        a(f"{mn} v0.{w}, v1.{n}"); a(f"{mn}2 v0.{w}, v1.{n2}")
# by element
for mn in ['mul','mla','mls','sqdmulh','sqrdmulh']:
    a(f"{mn} v0.4h, v1.4h, v15.h[7]"); a(f"{mn} v0.8h, v1.8h, v2.h[0]"); a(f"{mn} v0.2s, v1.2s, v31.s[3]"); a(f"{mn} v0.4s, v1.4s, v2.s[1]")
for mn in ['smull','umull','smlal','umlal','smlsl','umlsl']:
    a(f"{mn} v0.4s, v1.4h, v15.h[7]"); a(f"{mn}2 v0.4s, v1.8h, v2.h[2]"); a(f"{mn} v0.2d, v1.2s, v31.s[3]"); a(f"{mn}2 v0.2d, v1.4s, v2.s[1]")
# crypto
for s in ["aese v0.16b, v1.16b","aesd v0.16b, v1.16b","aesmc v0.16b, v1.16b","aesimc v0.16b, v1.16b",
 "sha1c q0, s1, v2.4s","sha1p q0, s1, v2.4s","sha1m q0, s1, v2.4s","sha1su0 v0.4s, v1.4s, v2.4s","sha256h q0, q1, v2.4s","sha256h2 q0, q1, v2.4s","sha256su1 v0.4s, v1.4s, v2.4s",
 "sha1h s0, s1","sha1su1 v0.4s, v1.4s","sha256su0 v0.4s, v1.4s","sha512h q0, q1, v2.2d","sha512h2 q0, q1, v2.2d","sha512su1 v0.2d, v1.2d, v2.2d","sha512su0 v0.2d, v1.2d",
 "eor3 v0.16b, v1.16b, v2.16b, v3.16b","bcax v0.16b, v1.16b, v2.16b, v31.16b","rax1 v0.2d, v1.2d, v2.2d","xar v0.2d, v1.2d, v2.2d, #63"]:
    a(s)
out=["# Every Advanced SIMD form the emulator decodes (A64SimdObjdumpAgreementTest), one per line.","    .text","lit:"]+["    "+s for s in L]
open('simd-forms.s','w').write("\n".join(out)+"\n")
print(len(L))

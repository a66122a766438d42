# Every Advanced SIMD form the emulator decodes (A64SimdObjdumpAgreementTest), one per line.
    .text
lit:
    ldr b1, [x2]
    ldr b1, [sp, #3]
    ldr b31, [x2, #4095]
    ldr b1, [x2, #-7]!
    ldr b1, [x2], #255
    ldr b1, [x2, #1]!
    ldr b1, [x2, x3]
    ldr b1, [x2, w3, uxtw]
    ldr b1, [x2, w3, sxtw]
    ldr b1, [x2, x3, sxtx]
    ldr b1, [x2, x3, lsl #0]
    ldr b1, [x2, w3, sxtw #0]
    ldr b1, [x2, w3, uxtw #0]
    str b1, [x2]
    str b1, [sp, #3]
    str b31, [x2, #4095]
    str b1, [x2, #-7]!
    str b1, [x2], #255
    str b1, [x2, #1]!
    str b1, [x2, x3]
    str b1, [x2, w3, uxtw]
    str b1, [x2, w3, sxtw]
    str b1, [x2, x3, sxtx]
    str b1, [x2, x3, lsl #0]
    str b1, [x2, w3, sxtw #0]
    str b1, [x2, w3, uxtw #0]
    ldur b1, [x2, #-1]
    stur b1, [x2, #255]
    ldur b1, [x2, #-256]
    ldr h1, [x2]
    ldr h1, [sp, #6]
    ldr h31, [x2, #8190]
    ldr h1, [x2, #-7]!
    ldr h1, [x2], #255
    ldr h1, [x2, #2]!
    ldr h1, [x2, x3]
    ldr h1, [x2, w3, uxtw]
    ldr h1, [x2, w3, sxtw]
    ldr h1, [x2, x3, sxtx]
    ldr h1, [x2, x3, lsl #1]
    ldr h1, [x2, w3, sxtw #1]
    ldr h1, [x2, w3, uxtw #1]
    str h1, [x2]
    str h1, [sp, #6]
    str h31, [x2, #8190]
    str h1, [x2, #-7]!
    str h1, [x2], #255
    str h1, [x2, #2]!
    str h1, [x2, x3]
    str h1, [x2, w3, uxtw]
    str h1, [x2, w3, sxtw]
    str h1, [x2, x3, sxtx]
    str h1, [x2, x3, lsl #1]
    str h1, [x2, w3, sxtw #1]
    str h1, [x2, w3, uxtw #1]
    ldur h1, [x2, #-1]
    stur h1, [x2, #255]
    ldur h1, [x2, #-256]
    ldr s1, [x2]
    ldr s1, [sp, #12]
    ldr s31, [x2, #16380]
    ldr s1, [x2, #-7]!
    ldr s1, [x2], #255
    ldr s1, [x2, #4]!
    ldr s1, [x2, x3]
    ldr s1, [x2, w3, uxtw]
    ldr s1, [x2, w3, sxtw]
    ldr s1, [x2, x3, sxtx]
    ldr s1, [x2, x3, lsl #2]
    ldr s1, [x2, w3, sxtw #2]
    ldr s1, [x2, w3, uxtw #2]
    str s1, [x2]
    str s1, [sp, #12]
    str s31, [x2, #16380]
    str s1, [x2, #-7]!
    str s1, [x2], #255
    str s1, [x2, #4]!
    str s1, [x2, x3]
    str s1, [x2, w3, uxtw]
    str s1, [x2, w3, sxtw]
    str s1, [x2, x3, sxtx]
    str s1, [x2, x3, lsl #2]
    str s1, [x2, w3, sxtw #2]
    str s1, [x2, w3, uxtw #2]
    ldur s1, [x2, #-1]
    stur s1, [x2, #255]
    ldur s1, [x2, #-256]
    ldr d1, [x2]
    ldr d1, [sp, #24]
    ldr d31, [x2, #32760]
    ldr d1, [x2, #-7]!
    ldr d1, [x2], #255
    ldr d1, [x2, #8]!
    ldr d1, [x2, x3]
    ldr d1, [x2, w3, uxtw]
    ldr d1, [x2, w3, sxtw]
    ldr d1, [x2, x3, sxtx]
    ldr d1, [x2, x3, lsl #3]
    ldr d1, [x2, w3, sxtw #3]
    ldr d1, [x2, w3, uxtw #3]
    str d1, [x2]
    str d1, [sp, #24]
    str d31, [x2, #32760]
    str d1, [x2, #-7]!
    str d1, [x2], #255
    str d1, [x2, #8]!
    str d1, [x2, x3]
    str d1, [x2, w3, uxtw]
    str d1, [x2, w3, sxtw]
    str d1, [x2, x3, sxtx]
    str d1, [x2, x3, lsl #3]
    str d1, [x2, w3, sxtw #3]
    str d1, [x2, w3, uxtw #3]
    ldur d1, [x2, #-1]
    stur d1, [x2, #255]
    ldur d1, [x2, #-256]
    ldr q1, [x2]
    ldr q1, [sp, #48]
    ldr q31, [x2, #65520]
    ldr q1, [x2, #-7]!
    ldr q1, [x2], #255
    ldr q1, [x2, #16]!
    ldr q1, [x2, x3]
    ldr q1, [x2, w3, uxtw]
    ldr q1, [x2, w3, sxtw]
    ldr q1, [x2, x3, sxtx]
    ldr q1, [x2, x3, lsl #4]
    ldr q1, [x2, w3, sxtw #4]
    ldr q1, [x2, w3, uxtw #4]
    str q1, [x2]
    str q1, [sp, #48]
    str q31, [x2, #65520]
    str q1, [x2, #-7]!
    str q1, [x2], #255
    str q1, [x2, #16]!
    str q1, [x2, x3]
    str q1, [x2, w3, uxtw]
    str q1, [x2, w3, sxtw]
    str q1, [x2, x3, sxtx]
    str q1, [x2, x3, lsl #4]
    str q1, [x2, w3, sxtw #4]
    str q1, [x2, w3, uxtw #4]
    ldur q1, [x2, #-1]
    stur q1, [x2, #255]
    ldur q1, [x2, #-256]
    ldr s5, lit
    ldp s1, s2, [x3]
    ldp s1, s2, [sp, #252]
    ldp s1, s2, [x3, #-256]
    stp s1, s2, [x3]
    stp s1, s2, [sp, #252]
    stp s1, s2, [x3, #-256]
    ldnp s1, s2, [x3]
    ldnp s1, s2, [sp, #252]
    ldnp s1, s2, [x3, #-256]
    stnp s1, s2, [x3]
    stnp s1, s2, [sp, #252]
    stnp s1, s2, [x3, #-256]
    ldp s1, s2, [x3, #8]!
    ldp s1, s2, [x3], #-4
    stp s1, s2, [x3, #8]!
    stp s1, s2, [x3], #-4
    ldr d5, lit
    ldp d1, d2, [x3]
    ldp d1, d2, [sp, #504]
    ldp d1, d2, [x3, #-512]
    stp d1, d2, [x3]
    stp d1, d2, [sp, #504]
    stp d1, d2, [x3, #-512]
    ldnp d1, d2, [x3]
    ldnp d1, d2, [sp, #504]
    ldnp d1, d2, [x3, #-512]
    stnp d1, d2, [x3]
    stnp d1, d2, [sp, #504]
    stnp d1, d2, [x3, #-512]
    ldp d1, d2, [x3, #16]!
    ldp d1, d2, [x3], #-8
    stp d1, d2, [x3, #16]!
    stp d1, d2, [x3], #-8
    ldr q5, lit
    ldp q1, q2, [x3]
    ldp q1, q2, [sp, #1008]
    ldp q1, q2, [x3, #-1024]
    stp q1, q2, [x3]
    stp q1, q2, [sp, #1008]
    stp q1, q2, [x3, #-1024]
    ldnp q1, q2, [x3]
    ldnp q1, q2, [sp, #1008]
    ldnp q1, q2, [x3, #-1024]
    stnp q1, q2, [x3]
    stnp q1, q2, [sp, #1008]
    stnp q1, q2, [x3, #-1024]
    ldp q1, q2, [x3, #32]!
    ldp q1, q2, [x3], #-16
    stp q1, q2, [x3, #32]!
    stp q1, q2, [x3], #-16
    ld1 {v7.8b}, [x0]
    ld1 {v7.8b}, [x0], #8
    ld1 {v7.8b}, [x0], x9
    ld1 {v7.16b}, [x0]
    ld1 {v7.16b}, [x0], #16
    ld1 {v7.16b}, [x0], x9
    ld1 {v7.4h}, [x0]
    ld1 {v7.4h}, [x0], #8
    ld1 {v7.4h}, [x0], x9
    ld1 {v7.8h}, [x0]
    ld1 {v7.8h}, [x0], #16
    ld1 {v7.8h}, [x0], x9
    ld1 {v7.2s}, [x0]
    ld1 {v7.2s}, [x0], #8
    ld1 {v7.2s}, [x0], x9
    ld1 {v7.4s}, [x0]
    ld1 {v7.4s}, [x0], #16
    ld1 {v7.4s}, [x0], x9
    ld1 {v7.1d}, [x0]
    ld1 {v7.1d}, [x0], #8
    ld1 {v7.1d}, [x0], x9
    ld1 {v7.2d}, [x0]
    ld1 {v7.2d}, [x0], #16
    ld1 {v7.2d}, [x0], x9
    ld1 {v30.16b}, [sp]
    st1 {v7.8b}, [x0]
    st1 {v7.8b}, [x0], #8
    st1 {v7.8b}, [x0], x9
    st1 {v7.16b}, [x0]
    st1 {v7.16b}, [x0], #16
    st1 {v7.16b}, [x0], x9
    st1 {v7.4h}, [x0]
    st1 {v7.4h}, [x0], #8
    st1 {v7.4h}, [x0], x9
    st1 {v7.8h}, [x0]
    st1 {v7.8h}, [x0], #16
    st1 {v7.8h}, [x0], x9
    st1 {v7.2s}, [x0]
    st1 {v7.2s}, [x0], #8
    st1 {v7.2s}, [x0], x9
    st1 {v7.4s}, [x0]
    st1 {v7.4s}, [x0], #16
    st1 {v7.4s}, [x0], x9
    st1 {v7.1d}, [x0]
    st1 {v7.1d}, [x0], #8
    st1 {v7.1d}, [x0], x9
    st1 {v7.2d}, [x0]
    st1 {v7.2d}, [x0], #16
    st1 {v7.2d}, [x0], x9
    st1 {v30.16b}, [sp]
    ld1 {v3.b}[15], [x0]
    ld1 {v3.b}[15], [x0], #1
    ld1 {v3.b}[15], [x0], x4
    st1 {v3.b}[15], [x0]
    st1 {v3.b}[15], [x0], #1
    st1 {v3.b}[15], [x0], x4
    ld1 {v3.h}[7], [x0]
    ld1 {v3.h}[7], [x0], #2
    ld1 {v3.h}[7], [x0], x4
    st1 {v3.h}[7], [x0]
    st1 {v3.h}[7], [x0], #2
    st1 {v3.h}[7], [x0], x4
    ld1 {v3.s}[3], [x0]
    ld1 {v3.s}[3], [x0], #4
    ld1 {v3.s}[3], [x0], x4
    st1 {v3.s}[3], [x0]
    st1 {v3.s}[3], [x0], #4
    st1 {v3.s}[3], [x0], x4
    ld1 {v3.d}[1], [x0]
    ld1 {v3.d}[1], [x0], #8
    ld1 {v3.d}[1], [x0], x4
    st1 {v3.d}[1], [x0]
    st1 {v3.d}[1], [x0], #8
    st1 {v3.d}[1], [x0], x4
    ld1 {v3.b}[0], [x0]
    ld1 {v3.b}[0], [x0], #1
    ld1 {v3.b}[0], [x0], x4
    st1 {v3.b}[0], [x0]
    st1 {v3.b}[0], [x0], #1
    st1 {v3.b}[0], [x0], x4
    ld1 {v3.s}[1], [x0]
    ld1 {v3.s}[1], [x0], #4
    ld1 {v3.s}[1], [x0], x4
    st1 {v3.s}[1], [x0]
    st1 {v3.s}[1], [x0], #4
    st1 {v3.s}[1], [x0], x4
    ld1r {v3.8b}, [x0]
    ld1r {v3.8b}, [x0], #1
    ld1r {v3.8b}, [x0], x4
    ld1r {v3.16b}, [x0]
    ld1r {v3.16b}, [x0], #1
    ld1r {v3.16b}, [x0], x4
    ld1r {v3.4h}, [x0]
    ld1r {v3.4h}, [x0], #2
    ld1r {v3.4h}, [x0], x4
    ld1r {v3.8h}, [x0]
    ld1r {v3.8h}, [x0], #2
    ld1r {v3.8h}, [x0], x4
    ld1r {v3.2s}, [x0]
    ld1r {v3.2s}, [x0], #4
    ld1r {v3.2s}, [x0], x4
    ld1r {v3.4s}, [x0]
    ld1r {v3.4s}, [x0], #4
    ld1r {v3.4s}, [x0], x4
    ld1r {v3.1d}, [x0]
    ld1r {v3.1d}, [x0], #8
    ld1r {v3.1d}, [x0], x4
    ld1r {v3.2d}, [x0]
    ld1r {v3.2d}, [x0], #8
    ld1r {v3.2d}, [x0], x4
    ld2 {v7.8b, v8.8b}, [x0]
    ld2 {v7.8b, v8.8b}, [x0], #16
    ld2 {v7.8b, v8.8b}, [x0], x9
    ld2 {v7.16b, v8.16b}, [x0]
    ld2 {v7.16b, v8.16b}, [x0], #32
    ld2 {v7.16b, v8.16b}, [x0], x9
    ld2 {v7.4h, v8.4h}, [x0]
    ld2 {v7.4h, v8.4h}, [x0], #16
    ld2 {v7.4h, v8.4h}, [x0], x9
    ld2 {v7.8h, v8.8h}, [x0]
    ld2 {v7.8h, v8.8h}, [x0], #32
    ld2 {v7.8h, v8.8h}, [x0], x9
    ld2 {v7.2s, v8.2s}, [x0]
    ld2 {v7.2s, v8.2s}, [x0], #16
    ld2 {v7.2s, v8.2s}, [x0], x9
    ld2 {v7.4s, v8.4s}, [x0]
    ld2 {v7.4s, v8.4s}, [x0], #32
    ld2 {v7.4s, v8.4s}, [x0], x9
    ld2 {v7.2d, v8.2d}, [x0]
    ld2 {v7.2d, v8.2d}, [x0], #32
    ld2 {v7.2d, v8.2d}, [x0], x9
    ld1 {v30.16b, v31.16b}, [sp]
    st2 {v7.8b, v8.8b}, [x0]
    st2 {v7.8b, v8.8b}, [x0], #16
    st2 {v7.8b, v8.8b}, [x0], x9
    st2 {v7.16b, v8.16b}, [x0]
    st2 {v7.16b, v8.16b}, [x0], #32
    st2 {v7.16b, v8.16b}, [x0], x9
    st2 {v7.4h, v8.4h}, [x0]
    st2 {v7.4h, v8.4h}, [x0], #16
    st2 {v7.4h, v8.4h}, [x0], x9
    st2 {v7.8h, v8.8h}, [x0]
    st2 {v7.8h, v8.8h}, [x0], #32
    st2 {v7.8h, v8.8h}, [x0], x9
    st2 {v7.2s, v8.2s}, [x0]
    st2 {v7.2s, v8.2s}, [x0], #16
    st2 {v7.2s, v8.2s}, [x0], x9
    st2 {v7.4s, v8.4s}, [x0]
    st2 {v7.4s, v8.4s}, [x0], #32
    st2 {v7.4s, v8.4s}, [x0], x9
    st2 {v7.2d, v8.2d}, [x0]
    st2 {v7.2d, v8.2d}, [x0], #32
    st2 {v7.2d, v8.2d}, [x0], x9
    st1 {v30.16b, v31.16b}, [sp]
    ld2 {v3.b, v4.b}[15], [x0]
    ld2 {v3.b, v4.b}[15], [x0], #2
    ld2 {v3.b, v4.b}[15], [x0], x4
    st2 {v3.b, v4.b}[15], [x0]
    st2 {v3.b, v4.b}[15], [x0], #2
    st2 {v3.b, v4.b}[15], [x0], x4
    ld2 {v3.h, v4.h}[7], [x0]
    ld2 {v3.h, v4.h}[7], [x0], #4
    ld2 {v3.h, v4.h}[7], [x0], x4
    st2 {v3.h, v4.h}[7], [x0]
    st2 {v3.h, v4.h}[7], [x0], #4
    st2 {v3.h, v4.h}[7], [x0], x4
    ld2 {v3.s, v4.s}[3], [x0]
    ld2 {v3.s, v4.s}[3], [x0], #8
    ld2 {v3.s, v4.s}[3], [x0], x4
    st2 {v3.s, v4.s}[3], [x0]
    st2 {v3.s, v4.s}[3], [x0], #8
    st2 {v3.s, v4.s}[3], [x0], x4
    ld2 {v3.d, v4.d}[1], [x0]
    ld2 {v3.d, v4.d}[1], [x0], #16
    ld2 {v3.d, v4.d}[1], [x0], x4
    st2 {v3.d, v4.d}[1], [x0]
    st2 {v3.d, v4.d}[1], [x0], #16
    st2 {v3.d, v4.d}[1], [x0], x4
    ld2 {v3.b, v4.b}[0], [x0]
    ld2 {v3.b, v4.b}[0], [x0], #2
    ld2 {v3.b, v4.b}[0], [x0], x4
    st2 {v3.b, v4.b}[0], [x0]
    st2 {v3.b, v4.b}[0], [x0], #2
    st2 {v3.b, v4.b}[0], [x0], x4
    ld2 {v3.s, v4.s}[1], [x0]
    ld2 {v3.s, v4.s}[1], [x0], #8
    ld2 {v3.s, v4.s}[1], [x0], x4
    st2 {v3.s, v4.s}[1], [x0]
    st2 {v3.s, v4.s}[1], [x0], #8
    st2 {v3.s, v4.s}[1], [x0], x4
    ld2r {v3.8b, v4.8b}, [x0]
    ld2r {v3.8b, v4.8b}, [x0], #2
    ld2r {v3.8b, v4.8b}, [x0], x4
    ld2r {v3.16b, v4.16b}, [x0]
    ld2r {v3.16b, v4.16b}, [x0], #2
    ld2r {v3.16b, v4.16b}, [x0], x4
    ld2r {v3.4h, v4.4h}, [x0]
    ld2r {v3.4h, v4.4h}, [x0], #4
    ld2r {v3.4h, v4.4h}, [x0], x4
    ld2r {v3.8h, v4.8h}, [x0]
    ld2r {v3.8h, v4.8h}, [x0], #4
    ld2r {v3.8h, v4.8h}, [x0], x4
    ld2r {v3.2s, v4.2s}, [x0]
    ld2r {v3.2s, v4.2s}, [x0], #8
    ld2r {v3.2s, v4.2s}, [x0], x4
    ld2r {v3.4s, v4.4s}, [x0]
    ld2r {v3.4s, v4.4s}, [x0], #8
    ld2r {v3.4s, v4.4s}, [x0], x4
    ld2r {v3.1d, v4.1d}, [x0]
    ld2r {v3.1d, v4.1d}, [x0], #16
    ld2r {v3.1d, v4.1d}, [x0], x4
    ld2r {v3.2d, v4.2d}, [x0]
    ld2r {v3.2d, v4.2d}, [x0], #16
    ld2r {v3.2d, v4.2d}, [x0], x4
    ld3 {v7.8b, v8.8b, v9.8b}, [x0]
    ld3 {v7.8b, v8.8b, v9.8b}, [x0], #24
    ld3 {v7.8b, v8.8b, v9.8b}, [x0], x9
    ld3 {v7.16b, v8.16b, v9.16b}, [x0]
    ld3 {v7.16b, v8.16b, v9.16b}, [x0], #48
    ld3 {v7.16b, v8.16b, v9.16b}, [x0], x9
    ld3 {v7.4h, v8.4h, v9.4h}, [x0]
    ld3 {v7.4h, v8.4h, v9.4h}, [x0], #24
    ld3 {v7.4h, v8.4h, v9.4h}, [x0], x9
    ld3 {v7.8h, v8.8h, v9.8h}, [x0]
    ld3 {v7.8h, v8.8h, v9.8h}, [x0], #48
    ld3 {v7.8h, v8.8h, v9.8h}, [x0], x9
    ld3 {v7.2s, v8.2s, v9.2s}, [x0]
    ld3 {v7.2s, v8.2s, v9.2s}, [x0], #24
    ld3 {v7.2s, v8.2s, v9.2s}, [x0], x9
    ld3 {v7.4s, v8.4s, v9.4s}, [x0]
    ld3 {v7.4s, v8.4s, v9.4s}, [x0], #48
    ld3 {v7.4s, v8.4s, v9.4s}, [x0], x9
    ld3 {v7.2d, v8.2d, v9.2d}, [x0]
    ld3 {v7.2d, v8.2d, v9.2d}, [x0], #48
    ld3 {v7.2d, v8.2d, v9.2d}, [x0], x9
    ld1 {v30.16b, v31.16b, v0.16b}, [sp]
    st3 {v7.8b, v8.8b, v9.8b}, [x0]
    st3 {v7.8b, v8.8b, v9.8b}, [x0], #24
    st3 {v7.8b, v8.8b, v9.8b}, [x0], x9
    st3 {v7.16b, v8.16b, v9.16b}, [x0]
    st3 {v7.16b, v8.16b, v9.16b}, [x0], #48
    st3 {v7.16b, v8.16b, v9.16b}, [x0], x9
    st3 {v7.4h, v8.4h, v9.4h}, [x0]
    st3 {v7.4h, v8.4h, v9.4h}, [x0], #24
    st3 {v7.4h, v8.4h, v9.4h}, [x0], x9
    st3 {v7.8h, v8.8h, v9.8h}, [x0]
    st3 {v7.8h, v8.8h, v9.8h}, [x0], #48
    st3 {v7.8h, v8.8h, v9.8h}, [x0], x9
    st3 {v7.2s, v8.2s, v9.2s}, [x0]
    st3 {v7.2s, v8.2s, v9.2s}, [x0], #24
    st3 {v7.2s, v8.2s, v9.2s}, [x0], x9
    st3 {v7.4s, v8.4s, v9.4s}, [x0]
    st3 {v7.4s, v8.4s, v9.4s}, [x0], #48
    st3 {v7.4s, v8.4s, v9.4s}, [x0], x9
    st3 {v7.2d, v8.2d, v9.2d}, [x0]
    st3 {v7.2d, v8.2d, v9.2d}, [x0], #48
    st3 {v7.2d, v8.2d, v9.2d}, [x0], x9
    st1 {v30.16b, v31.16b, v0.16b}, [sp]
    ld3 {v3.b, v4.b, v5.b}[15], [x0]
    ld3 {v3.b, v4.b, v5.b}[15], [x0], #3
    ld3 {v3.b, v4.b, v5.b}[15], [x0], x4
    st3 {v3.b, v4.b, v5.b}[15], [x0]
    st3 {v3.b, v4.b, v5.b}[15], [x0], #3
    st3 {v3.b, v4.b, v5.b}[15], [x0], x4
    ld3 {v3.h, v4.h, v5.h}[7], [x0]
    ld3 {v3.h, v4.h, v5.h}[7], [x0], #6
    ld3 {v3.h, v4.h, v5.h}[7], [x0], x4
    st3 {v3.h, v4.h, v5.h}[7], [x0]
    st3 {v3.h, v4.h, v5.h}[7], [x0], #6
    st3 {v3.h, v4.h, v5.h}[7], [x0], x4
    ld3 {v3.s, v4.s, v5.s}[3], [x0]
    ld3 {v3.s, v4.s, v5.s}[3], [x0], #12
    ld3 {v3.s, v4.s, v5.s}[3], [x0], x4
    st3 {v3.s, v4.s, v5.s}[3], [x0]
    st3 {v3.s, v4.s, v5.s}[3], [x0], #12
    st3 {v3.s, v4.s, v5.s}[3], [x0], x4
    ld3 {v3.d, v4.d, v5.d}[1], [x0]
    ld3 {v3.d, v4.d, v5.d}[1], [x0], #24
    ld3 {v3.d, v4.d, v5.d}[1], [x0], x4
    st3 {v3.d, v4.d, v5.d}[1], [x0]
    st3 {v3.d, v4.d, v5.d}[1], [x0], #24
    st3 {v3.d, v4.d, v5.d}[1], [x0], x4
    ld3 {v3.b, v4.b, v5.b}[0], [x0]
    ld3 {v3.b, v4.b, v5.b}[0], [x0], #3
    ld3 {v3.b, v4.b, v5.b}[0], [x0], x4
    st3 {v3.b, v4.b, v5.b}[0], [x0]
    st3 {v3.b, v4.b, v5.b}[0], [x0], #3
    st3 {v3.b, v4.b, v5.b}[0], [x0], x4
    ld3 {v3.s, v4.s, v5.s}[1], [x0]
    ld3 {v3.s, v4.s, v5.s}[1], [x0], #12
    ld3 {v3.s, v4.s, v5.s}[1], [x0], x4
    st3 {v3.s, v4.s, v5.s}[1], [x0]
    st3 {v3.s, v4.s, v5.s}[1], [x0], #12
    st3 {v3.s, v4.s, v5.s}[1], [x0], x4
    ld3r {v3.8b, v4.8b, v5.8b}, [x0]
    ld3r {v3.8b, v4.8b, v5.8b}, [x0], #3
    ld3r {v3.8b, v4.8b, v5.8b}, [x0], x4
    ld3r {v3.16b, v4.16b, v5.16b}, [x0]
    ld3r {v3.16b, v4.16b, v5.16b}, [x0], #3
    ld3r {v3.16b, v4.16b, v5.16b}, [x0], x4
    ld3r {v3.4h, v4.4h, v5.4h}, [x0]
    ld3r {v3.4h, v4.4h, v5.4h}, [x0], #6
    ld3r {v3.4h, v4.4h, v5.4h}, [x0], x4
    ld3r {v3.8h, v4.8h, v5.8h}, [x0]
    ld3r {v3.8h, v4.8h, v5.8h}, [x0], #6
    ld3r {v3.8h, v4.8h, v5.8h}, [x0], x4
    ld3r {v3.2s, v4.2s, v5.2s}, [x0]
    ld3r {v3.2s, v4.2s, v5.2s}, [x0], #12
    ld3r {v3.2s, v4.2s, v5.2s}, [x0], x4
    ld3r {v3.4s, v4.4s, v5.4s}, [x0]
    ld3r {v3.4s, v4.4s, v5.4s}, [x0], #12
    ld3r {v3.4s, v4.4s, v5.4s}, [x0], x4
    ld3r {v3.1d, v4.1d, v5.1d}, [x0]
    ld3r {v3.1d, v4.1d, v5.1d}, [x0], #24
    ld3r {v3.1d, v4.1d, v5.1d}, [x0], x4
    ld3r {v3.2d, v4.2d, v5.2d}, [x0]
    ld3r {v3.2d, v4.2d, v5.2d}, [x0], #24
    ld3r {v3.2d, v4.2d, v5.2d}, [x0], x4
    ld4 {v7.8b, v8.8b, v9.8b, v10.8b}, [x0]
    ld4 {v7.8b, v8.8b, v9.8b, v10.8b}, [x0], #32
    ld4 {v7.8b, v8.8b, v9.8b, v10.8b}, [x0], x9
    ld4 {v7.16b, v8.16b, v9.16b, v10.16b}, [x0]
    ld4 {v7.16b, v8.16b, v9.16b, v10.16b}, [x0], #64
    ld4 {v7.16b, v8.16b, v9.16b, v10.16b}, [x0], x9
    ld4 {v7.4h, v8.4h, v9.4h, v10.4h}, [x0]
    ld4 {v7.4h, v8.4h, v9.4h, v10.4h}, [x0], #32
    ld4 {v7.4h, v8.4h, v9.4h, v10.4h}, [x0], x9
    ld4 {v7.8h, v8.8h, v9.8h, v10.8h}, [x0]
    ld4 {v7.8h, v8.8h, v9.8h, v10.8h}, [x0], #64
    ld4 {v7.8h, v8.8h, v9.8h, v10.8h}, [x0], x9
    ld4 {v7.2s, v8.2s, v9.2s, v10.2s}, [x0]
    ld4 {v7.2s, v8.2s, v9.2s, v10.2s}, [x0], #32
    ld4 {v7.2s, v8.2s, v9.2s, v10.2s}, [x0], x9
    ld4 {v7.4s, v8.4s, v9.4s, v10.4s}, [x0]
    ld4 {v7.4s, v8.4s, v9.4s, v10.4s}, [x0], #64
    ld4 {v7.4s, v8.4s, v9.4s, v10.4s}, [x0], x9
    ld4 {v7.2d, v8.2d, v9.2d, v10.2d}, [x0]
    ld4 {v7.2d, v8.2d, v9.2d, v10.2d}, [x0], #64
    ld4 {v7.2d, v8.2d, v9.2d, v10.2d}, [x0], x9
    ld1 {v30.16b, v31.16b, v0.16b, v1.16b}, [sp]
    st4 {v7.8b, v8.8b, v9.8b, v10.8b}, [x0]
    st4 {v7.8b, v8.8b, v9.8b, v10.8b}, [x0], #32
    st4 {v7.8b, v8.8b, v9.8b, v10.8b}, [x0], x9
    st4 {v7.16b, v8.16b, v9.16b, v10.16b}, [x0]
    st4 {v7.16b, v8.16b, v9.16b, v10.16b}, [x0], #64
    st4 {v7.16b, v8.16b, v9.16b, v10.16b}, [x0], x9
    st4 {v7.4h, v8.4h, v9.4h, v10.4h}, [x0]
    st4 {v7.4h, v8.4h, v9.4h, v10.4h}, [x0], #32
    st4 {v7.4h, v8.4h, v9.4h, v10.4h}, [x0], x9
    st4 {v7.8h, v8.8h, v9.8h, v10.8h}, [x0]
    st4 {v7.8h, v8.8h, v9.8h, v10.8h}, [x0], #64
    st4 {v7.8h, v8.8h, v9.8h, v10.8h}, [x0], x9
    st4 {v7.2s, v8.2s, v9.2s, v10.2s}, [x0]
    st4 {v7.2s, v8.2s, v9.2s, v10.2s}, [x0], #32
    st4 {v7.2s, v8.2s, v9.2s, v10.2s}, [x0], x9
    st4 {v7.4s, v8.4s, v9.4s, v10.4s}, [x0]
    st4 {v7.4s, v8.4s, v9.4s, v10.4s}, [x0], #64
    st4 {v7.4s, v8.4s, v9.4s, v10.4s}, [x0], x9
    st4 {v7.2d, v8.2d, v9.2d, v10.2d}, [x0]
    st4 {v7.2d, v8.2d, v9.2d, v10.2d}, [x0], #64
    st4 {v7.2d, v8.2d, v9.2d, v10.2d}, [x0], x9
    st1 {v30.16b, v31.16b, v0.16b, v1.16b}, [sp]
    ld4 {v3.b, v4.b, v5.b, v6.b}[15], [x0]
    ld4 {v3.b, v4.b, v5.b, v6.b}[15], [x0], #4
    ld4 {v3.b, v4.b, v5.b, v6.b}[15], [x0], x4
    st4 {v3.b, v4.b, v5.b, v6.b}[15], [x0]
    st4 {v3.b, v4.b, v5.b, v6.b}[15], [x0], #4
    st4 {v3.b, v4.b, v5.b, v6.b}[15], [x0], x4
    ld4 {v3.h, v4.h, v5.h, v6.h}[7], [x0]
    ld4 {v3.h, v4.h, v5.h, v6.h}[7], [x0], #8
    ld4 {v3.h, v4.h, v5.h, v6.h}[7], [x0], x4
    st4 {v3.h, v4.h, v5.h, v6.h}[7], [x0]
    st4 {v3.h, v4.h, v5.h, v6.h}[7], [x0], #8
    st4 {v3.h, v4.h, v5.h, v6.h}[7], [x0], x4
    ld4 {v3.s, v4.s, v5.s, v6.s}[3], [x0]
    ld4 {v3.s, v4.s, v5.s, v6.s}[3], [x0], #16
    ld4 {v3.s, v4.s, v5.s, v6.s}[3], [x0], x4
    st4 {v3.s, v4.s, v5.s, v6.s}[3], [x0]
    st4 {v3.s, v4.s, v5.s, v6.s}[3], [x0], #16
    st4 {v3.s, v4.s, v5.s, v6.s}[3], [x0], x4
    ld4 {v3.d, v4.d, v5.d, v6.d}[1], [x0]
    ld4 {v3.d, v4.d, v5.d, v6.d}[1], [x0], #32
    ld4 {v3.d, v4.d, v5.d, v6.d}[1], [x0], x4
    st4 {v3.d, v4.d, v5.d, v6.d}[1], [x0]
    st4 {v3.d, v4.d, v5.d, v6.d}[1], [x0], #32
    st4 {v3.d, v4.d, v5.d, v6.d}[1], [x0], x4
    ld4 {v3.b, v4.b, v5.b, v6.b}[0], [x0]
    ld4 {v3.b, v4.b, v5.b, v6.b}[0], [x0], #4
    ld4 {v3.b, v4.b, v5.b, v6.b}[0], [x0], x4
    st4 {v3.b, v4.b, v5.b, v6.b}[0], [x0]
    st4 {v3.b, v4.b, v5.b, v6.b}[0], [x0], #4
    st4 {v3.b, v4.b, v5.b, v6.b}[0], [x0], x4
    ld4 {v3.s, v4.s, v5.s, v6.s}[1], [x0]
    ld4 {v3.s, v4.s, v5.s, v6.s}[1], [x0], #16
    ld4 {v3.s, v4.s, v5.s, v6.s}[1], [x0], x4
    st4 {v3.s, v4.s, v5.s, v6.s}[1], [x0]
    st4 {v3.s, v4.s, v5.s, v6.s}[1], [x0], #16
    st4 {v3.s, v4.s, v5.s, v6.s}[1], [x0], x4
    ld4r {v3.8b, v4.8b, v5.8b, v6.8b}, [x0]
    ld4r {v3.8b, v4.8b, v5.8b, v6.8b}, [x0], #4
    ld4r {v3.8b, v4.8b, v5.8b, v6.8b}, [x0], x4
    ld4r {v3.16b, v4.16b, v5.16b, v6.16b}, [x0]
    ld4r {v3.16b, v4.16b, v5.16b, v6.16b}, [x0], #4
    ld4r {v3.16b, v4.16b, v5.16b, v6.16b}, [x0], x4
    ld4r {v3.4h, v4.4h, v5.4h, v6.4h}, [x0]
    ld4r {v3.4h, v4.4h, v5.4h, v6.4h}, [x0], #8
    ld4r {v3.4h, v4.4h, v5.4h, v6.4h}, [x0], x4
    ld4r {v3.8h, v4.8h, v5.8h, v6.8h}, [x0]
    ld4r {v3.8h, v4.8h, v5.8h, v6.8h}, [x0], #8
    ld4r {v3.8h, v4.8h, v5.8h, v6.8h}, [x0], x4
    ld4r {v3.2s, v4.2s, v5.2s, v6.2s}, [x0]
    ld4r {v3.2s, v4.2s, v5.2s, v6.2s}, [x0], #16
    ld4r {v3.2s, v4.2s, v5.2s, v6.2s}, [x0], x4
    ld4r {v3.4s, v4.4s, v5.4s, v6.4s}, [x0]
    ld4r {v3.4s, v4.4s, v5.4s, v6.4s}, [x0], #16
    ld4r {v3.4s, v4.4s, v5.4s, v6.4s}, [x0], x4
    ld4r {v3.1d, v4.1d, v5.1d, v6.1d}, [x0]
    ld4r {v3.1d, v4.1d, v5.1d, v6.1d}, [x0], #32
    ld4r {v3.1d, v4.1d, v5.1d, v6.1d}, [x0], x4
    ld4r {v3.2d, v4.2d, v5.2d, v6.2d}, [x0]
    ld4r {v3.2d, v4.2d, v5.2d, v6.2d}, [x0], #32
    ld4r {v3.2d, v4.2d, v5.2d, v6.2d}, [x0], x4
    movi v0.4s, #1
    movi v0.2s, #0xff, lsl #24
    movi v0.4s, #1, lsl #16
    movi v0.4s, #1, msl #16
    movi v0.8h, #0x80
    movi v0.4h, #0x80, lsl #8
    movi v0.16b, #0xff
    movi v0.8b, #0
    movi v0.2d, #0
    movi d3, #0
    movi d3, #0xffffffffffffffff
    movi v1.2d, #0xff00000000ff
    mvni v0.4s, #1
    mvni v0.2s, #1, lsl #24
    mvni v0.8h, #0x7f
    mvni v0.4s, #2, msl #8
    orr v0.4s, #1, lsl #8
    orr v0.8h, #1
    orr v0.4h, #1, lsl #8
    bic v0.4s, #0xff, lsl #24
    bic v0.8h, #1, lsl #8
    bic v0.2s, #1
    mov v0.16b, v1.16b
    mov v0.8b, v1.8b
    orr v0.16b, v1.16b, v2.16b
    mvn v0.16b, v1.16b
    mvn v0.8b, v1.8b
    rbit v0.16b, v1.16b
    mov w0, v1.s[3]
    mov x0, v1.d[1]
    umov w0, v1.b[15]
    umov w0, v1.h[7]
    smov w0, v1.b[15]
    smov w0, v1.h[7]
    smov x0, v1.b[1]
    smov x0, v1.h[1]
    smov x0, v1.s[3]
    mov v0.b[15], w1
    mov v0.h[7], w1
    mov v0.s[3], w1
    mov v0.d[1], x1
    mov v0.d[0], xzr
    mov v0.b[3], v2.b[15]
    mov v0.h[3], v2.h[7]
    mov v0.d[1], v2.d[0]
    mov b0, v1.b[15]
    mov h0, v1.h[7]
    mov s0, v1.s[3]
    mov d0, v1.d[1]
    dup v0.16b, w1
    dup v0.8b, w1
    dup v0.4h, w1
    dup v0.8h, wzr
    dup v0.2s, w1
    dup v0.4s, w1
    dup v0.2d, x1
    dup v0.16b, v1.b[15]
    dup v0.8b, v1.b[0]
    dup v0.4h, v1.h[7]
    dup v0.2s, v1.s[3]
    dup v0.2d, v1.d[1]
    fmov s0, w1
    fmov w0, s1
    fmov d0, x1
    fmov x0, d1
    fmov v0.d[1], x1
    fmov x0, v1.d[1]
    fmov s0, s1
    fmov d0, d1
    fmov d0, xzr
    fmov wzr, s1
    ext v0.16b, v1.16b, v2.16b, #15
    ext v0.8b, v1.8b, v2.8b, #7
    zip1 v0.8b, v1.8b, v2.8b
    zip1 v0.16b, v1.16b, v2.16b
    zip1 v0.4h, v1.4h, v2.4h
    zip1 v0.8h, v1.8h, v2.8h
    zip1 v0.2s, v1.2s, v2.2s
    zip1 v0.4s, v1.4s, v2.4s
    zip1 v0.2d, v1.2d, v2.2d
    zip2 v0.8b, v1.8b, v2.8b
    zip2 v0.16b, v1.16b, v2.16b
    zip2 v0.4h, v1.4h, v2.4h
    zip2 v0.8h, v1.8h, v2.8h
    zip2 v0.2s, v1.2s, v2.2s
    zip2 v0.4s, v1.4s, v2.4s
    zip2 v0.2d, v1.2d, v2.2d
    uzp1 v0.8b, v1.8b, v2.8b
    uzp1 v0.16b, v1.16b, v2.16b
    uzp1 v0.4h, v1.4h, v2.4h
    uzp1 v0.8h, v1.8h, v2.8h
    uzp1 v0.2s, v1.2s, v2.2s
    uzp1 v0.4s, v1.4s, v2.4s
    uzp1 v0.2d, v1.2d, v2.2d
    uzp2 v0.8b, v1.8b, v2.8b
    uzp2 v0.16b, v1.16b, v2.16b
    uzp2 v0.4h, v1.4h, v2.4h
    uzp2 v0.8h, v1.8h, v2.8h
    uzp2 v0.2s, v1.2s, v2.2s
    uzp2 v0.4s, v1.4s, v2.4s
    uzp2 v0.2d, v1.2d, v2.2d
    trn1 v0.8b, v1.8b, v2.8b
    trn1 v0.16b, v1.16b, v2.16b
    trn1 v0.4h, v1.4h, v2.4h
    trn1 v0.8h, v1.8h, v2.8h
    trn1 v0.2s, v1.2s, v2.2s
    trn1 v0.4s, v1.4s, v2.4s
    trn1 v0.2d, v1.2d, v2.2d
    trn2 v0.8b, v1.8b, v2.8b
    trn2 v0.16b, v1.16b, v2.16b
    trn2 v0.4h, v1.4h, v2.4h
    trn2 v0.8h, v1.8h, v2.8h
    trn2 v0.2s, v1.2s, v2.2s
    trn2 v0.4s, v1.4s, v2.4s
    trn2 v0.2d, v1.2d, v2.2d
    rev64 v0.8b, v1.8b
    rev64 v0.16b, v1.16b
    rev64 v0.4h, v1.4h
    rev64 v0.8h, v1.8h
    rev64 v0.2s, v1.2s
    rev64 v0.4s, v1.4s
    rev32 v0.8b, v1.8b
    rev32 v0.16b, v1.16b
    rev32 v0.4h, v1.4h
    rev32 v0.8h, v1.8h
    rev16 v0.8b, v1.8b
    rev16 v0.16b, v1.16b
    tbl v0.8b, {v30.16b}, v5.8b
    tbl v0.8b, {v1.16b}, v5.8b
    tbl v0.16b, {v30.16b}, v5.16b
    tbl v0.16b, {v1.16b}, v5.16b
    tbx v0.8b, {v30.16b}, v5.8b
    tbx v0.8b, {v1.16b}, v5.8b
    tbx v0.16b, {v30.16b}, v5.16b
    tbx v0.16b, {v1.16b}, v5.16b
    tbl v0.8b, {v30.16b, v31.16b}, v5.8b
    tbl v0.8b, {v1.16b, v2.16b}, v5.8b
    tbl v0.16b, {v30.16b, v31.16b}, v5.16b
    tbl v0.16b, {v1.16b, v2.16b}, v5.16b
    tbx v0.8b, {v30.16b, v31.16b}, v5.8b
    tbx v0.8b, {v1.16b, v2.16b}, v5.8b
    tbx v0.16b, {v30.16b, v31.16b}, v5.16b
    tbx v0.16b, {v1.16b, v2.16b}, v5.16b
    tbl v0.8b, {v30.16b, v31.16b, v0.16b}, v5.8b
    tbl v0.8b, {v1.16b, v2.16b, v3.16b}, v5.8b
    tbl v0.16b, {v30.16b, v31.16b, v0.16b}, v5.16b
    tbl v0.16b, {v1.16b, v2.16b, v3.16b}, v5.16b
    tbx v0.8b, {v30.16b, v31.16b, v0.16b}, v5.8b
    tbx v0.8b, {v1.16b, v2.16b, v3.16b}, v5.8b
    tbx v0.16b, {v30.16b, v31.16b, v0.16b}, v5.16b
    tbx v0.16b, {v1.16b, v2.16b, v3.16b}, v5.16b
    tbl v0.8b, {v30.16b, v31.16b, v0.16b, v1.16b}, v5.8b
    tbl v0.8b, {v1.16b, v2.16b, v3.16b, v4.16b}, v5.8b
    tbl v0.16b, {v30.16b, v31.16b, v0.16b, v1.16b}, v5.16b
    tbl v0.16b, {v1.16b, v2.16b, v3.16b, v4.16b}, v5.16b
    tbx v0.8b, {v30.16b, v31.16b, v0.16b, v1.16b}, v5.8b
    tbx v0.8b, {v1.16b, v2.16b, v3.16b, v4.16b}, v5.8b
    tbx v0.16b, {v30.16b, v31.16b, v0.16b, v1.16b}, v5.16b
    tbx v0.16b, {v1.16b, v2.16b, v3.16b, v4.16b}, v5.16b
    shadd v0.8b, v1.8b, v2.8b
    shadd v0.16b, v1.16b, v2.16b
    shadd v0.4h, v1.4h, v2.4h
    shadd v0.8h, v1.8h, v2.8h
    shadd v0.2s, v1.2s, v2.2s
    shadd v0.4s, v1.4s, v2.4s
    srhadd v0.8b, v1.8b, v2.8b
    srhadd v0.16b, v1.16b, v2.16b
    srhadd v0.4h, v1.4h, v2.4h
    srhadd v0.8h, v1.8h, v2.8h
    srhadd v0.2s, v1.2s, v2.2s
    srhadd v0.4s, v1.4s, v2.4s
    shsub v0.8b, v1.8b, v2.8b
    shsub v0.16b, v1.16b, v2.16b
    shsub v0.4h, v1.4h, v2.4h
    shsub v0.8h, v1.8h, v2.8h
    shsub v0.2s, v1.2s, v2.2s
    shsub v0.4s, v1.4s, v2.4s
    smax v0.8b, v1.8b, v2.8b
    smax v0.16b, v1.16b, v2.16b
    smax v0.4h, v1.4h, v2.4h
    smax v0.8h, v1.8h, v2.8h
    smax v0.2s, v1.2s, v2.2s
    smax v0.4s, v1.4s, v2.4s
    smin v0.8b, v1.8b, v2.8b
    smin v0.16b, v1.16b, v2.16b
    smin v0.4h, v1.4h, v2.4h
    smin v0.8h, v1.8h, v2.8h
    smin v0.2s, v1.2s, v2.2s
    smin v0.4s, v1.4s, v2.4s
    sabd v0.8b, v1.8b, v2.8b
    sabd v0.16b, v1.16b, v2.16b
    sabd v0.4h, v1.4h, v2.4h
    sabd v0.8h, v1.8h, v2.8h
    sabd v0.2s, v1.2s, v2.2s
    sabd v0.4s, v1.4s, v2.4s
    saba v0.8b, v1.8b, v2.8b
    saba v0.16b, v1.16b, v2.16b
    saba v0.4h, v1.4h, v2.4h
    saba v0.8h, v1.8h, v2.8h
    saba v0.2s, v1.2s, v2.2s
    saba v0.4s, v1.4s, v2.4s
    mla v0.8b, v1.8b, v2.8b
    mla v0.16b, v1.16b, v2.16b
    mla v0.4h, v1.4h, v2.4h
    mla v0.8h, v1.8h, v2.8h
    mla v0.2s, v1.2s, v2.2s
    mla v0.4s, v1.4s, v2.4s
    mul v0.8b, v1.8b, v2.8b
    mul v0.16b, v1.16b, v2.16b
    mul v0.4h, v1.4h, v2.4h
    mul v0.8h, v1.8h, v2.8h
    mul v0.2s, v1.2s, v2.2s
    mul v0.4s, v1.4s, v2.4s
    smaxp v0.8b, v1.8b, v2.8b
    smaxp v0.16b, v1.16b, v2.16b
    smaxp v0.4h, v1.4h, v2.4h
    smaxp v0.8h, v1.8h, v2.8h
    smaxp v0.2s, v1.2s, v2.2s
    smaxp v0.4s, v1.4s, v2.4s
    sminp v0.8b, v1.8b, v2.8b
    sminp v0.16b, v1.16b, v2.16b
    sminp v0.4h, v1.4h, v2.4h
    sminp v0.8h, v1.8h, v2.8h
    sminp v0.2s, v1.2s, v2.2s
    sminp v0.4s, v1.4s, v2.4s
    uhadd v0.8b, v1.8b, v2.8b
    uhadd v0.16b, v1.16b, v2.16b
    uhadd v0.4h, v1.4h, v2.4h
    uhadd v0.8h, v1.8h, v2.8h
    uhadd v0.2s, v1.2s, v2.2s
    uhadd v0.4s, v1.4s, v2.4s
    urhadd v0.8b, v1.8b, v2.8b
    urhadd v0.16b, v1.16b, v2.16b
    urhadd v0.4h, v1.4h, v2.4h
    urhadd v0.8h, v1.8h, v2.8h
    urhadd v0.2s, v1.2s, v2.2s
    urhadd v0.4s, v1.4s, v2.4s
    uhsub v0.8b, v1.8b, v2.8b
    uhsub v0.16b, v1.16b, v2.16b
    uhsub v0.4h, v1.4h, v2.4h
    uhsub v0.8h, v1.8h, v2.8h
    uhsub v0.2s, v1.2s, v2.2s
    uhsub v0.4s, v1.4s, v2.4s
    umax v0.8b, v1.8b, v2.8b
    umax v0.16b, v1.16b, v2.16b
    umax v0.4h, v1.4h, v2.4h
    umax v0.8h, v1.8h, v2.8h
    umax v0.2s, v1.2s, v2.2s
    umax v0.4s, v1.4s, v2.4s
    umin v0.8b, v1.8b, v2.8b
    umin v0.16b, v1.16b, v2.16b
    umin v0.4h, v1.4h, v2.4h
    umin v0.8h, v1.8h, v2.8h
    umin v0.2s, v1.2s, v2.2s
    umin v0.4s, v1.4s, v2.4s
    uabd v0.8b, v1.8b, v2.8b
    uabd v0.16b, v1.16b, v2.16b
    uabd v0.4h, v1.4h, v2.4h
    uabd v0.8h, v1.8h, v2.8h
    uabd v0.2s, v1.2s, v2.2s
    uabd v0.4s, v1.4s, v2.4s
    uaba v0.8b, v1.8b, v2.8b
    uaba v0.16b, v1.16b, v2.16b
    uaba v0.4h, v1.4h, v2.4h
    uaba v0.8h, v1.8h, v2.8h
    uaba v0.2s, v1.2s, v2.2s
    uaba v0.4s, v1.4s, v2.4s
    mls v0.8b, v1.8b, v2.8b
    mls v0.16b, v1.16b, v2.16b
    mls v0.4h, v1.4h, v2.4h
    mls v0.8h, v1.8h, v2.8h
    mls v0.2s, v1.2s, v2.2s
    mls v0.4s, v1.4s, v2.4s
    umaxp v0.8b, v1.8b, v2.8b
    umaxp v0.16b, v1.16b, v2.16b
    umaxp v0.4h, v1.4h, v2.4h
    umaxp v0.8h, v1.8h, v2.8h
    umaxp v0.2s, v1.2s, v2.2s
    umaxp v0.4s, v1.4s, v2.4s
    uminp v0.8b, v1.8b, v2.8b
    uminp v0.16b, v1.16b, v2.16b
    uminp v0.4h, v1.4h, v2.4h
    uminp v0.8h, v1.8h, v2.8h
    uminp v0.2s, v1.2s, v2.2s
    uminp v0.4s, v1.4s, v2.4s
    sqadd v0.8b, v1.8b, v2.8b
    sqadd v0.16b, v1.16b, v2.16b
    sqadd v0.4h, v1.4h, v2.4h
    sqadd v0.8h, v1.8h, v2.8h
    sqadd v0.2s, v1.2s, v2.2s
    sqadd v0.4s, v1.4s, v2.4s
    sqadd v0.2d, v1.2d, v2.2d
    sqsub v0.8b, v1.8b, v2.8b
    sqsub v0.16b, v1.16b, v2.16b
    sqsub v0.4h, v1.4h, v2.4h
    sqsub v0.8h, v1.8h, v2.8h
    sqsub v0.2s, v1.2s, v2.2s
    sqsub v0.4s, v1.4s, v2.4s
    sqsub v0.2d, v1.2d, v2.2d
    cmgt v0.8b, v1.8b, v2.8b
    cmgt v0.16b, v1.16b, v2.16b
    cmgt v0.4h, v1.4h, v2.4h
    cmgt v0.8h, v1.8h, v2.8h
    cmgt v0.2s, v1.2s, v2.2s
    cmgt v0.4s, v1.4s, v2.4s
    cmgt v0.2d, v1.2d, v2.2d
    cmge v0.8b, v1.8b, v2.8b
    cmge v0.16b, v1.16b, v2.16b
    cmge v0.4h, v1.4h, v2.4h
    cmge v0.8h, v1.8h, v2.8h
    cmge v0.2s, v1.2s, v2.2s
    cmge v0.4s, v1.4s, v2.4s
    cmge v0.2d, v1.2d, v2.2d
    sshl v0.8b, v1.8b, v2.8b
    sshl v0.16b, v1.16b, v2.16b
    sshl v0.4h, v1.4h, v2.4h
    sshl v0.8h, v1.8h, v2.8h
    sshl v0.2s, v1.2s, v2.2s
    sshl v0.4s, v1.4s, v2.4s
    sshl v0.2d, v1.2d, v2.2d
    sqshl v0.8b, v1.8b, v2.8b
    sqshl v0.16b, v1.16b, v2.16b
    sqshl v0.4h, v1.4h, v2.4h
    sqshl v0.8h, v1.8h, v2.8h
    sqshl v0.2s, v1.2s, v2.2s
    sqshl v0.4s, v1.4s, v2.4s
    sqshl v0.2d, v1.2d, v2.2d
    srshl v0.8b, v1.8b, v2.8b
    srshl v0.16b, v1.16b, v2.16b
    srshl v0.4h, v1.4h, v2.4h
    srshl v0.8h, v1.8h, v2.8h
    srshl v0.2s, v1.2s, v2.2s
    srshl v0.4s, v1.4s, v2.4s
    srshl v0.2d, v1.2d, v2.2d
    sqrshl v0.8b, v1.8b, v2.8b
    sqrshl v0.16b, v1.16b, v2.16b
    sqrshl v0.4h, v1.4h, v2.4h
    sqrshl v0.8h, v1.8h, v2.8h
    sqrshl v0.2s, v1.2s, v2.2s
    sqrshl v0.4s, v1.4s, v2.4s
    sqrshl v0.2d, v1.2d, v2.2d
    add v0.8b, v1.8b, v2.8b
    add v0.16b, v1.16b, v2.16b
    add v0.4h, v1.4h, v2.4h
    add v0.8h, v1.8h, v2.8h
    add v0.2s, v1.2s, v2.2s
    add v0.4s, v1.4s, v2.4s
    add v0.2d, v1.2d, v2.2d
    cmtst v0.8b, v1.8b, v2.8b
    cmtst v0.16b, v1.16b, v2.16b
    cmtst v0.4h, v1.4h, v2.4h
    cmtst v0.8h, v1.8h, v2.8h
    cmtst v0.2s, v1.2s, v2.2s
    cmtst v0.4s, v1.4s, v2.4s
    cmtst v0.2d, v1.2d, v2.2d
    addp v0.8b, v1.8b, v2.8b
    addp v0.16b, v1.16b, v2.16b
    addp v0.4h, v1.4h, v2.4h
    addp v0.8h, v1.8h, v2.8h
    addp v0.2s, v1.2s, v2.2s
    addp v0.4s, v1.4s, v2.4s
    addp v0.2d, v1.2d, v2.2d
    uqadd v0.8b, v1.8b, v2.8b
    uqadd v0.16b, v1.16b, v2.16b
    uqadd v0.4h, v1.4h, v2.4h
    uqadd v0.8h, v1.8h, v2.8h
    uqadd v0.2s, v1.2s, v2.2s
    uqadd v0.4s, v1.4s, v2.4s
    uqadd v0.2d, v1.2d, v2.2d
    uqsub v0.8b, v1.8b, v2.8b
    uqsub v0.16b, v1.16b, v2.16b
    uqsub v0.4h, v1.4h, v2.4h
    uqsub v0.8h, v1.8h, v2.8h
    uqsub v0.2s, v1.2s, v2.2s
    uqsub v0.4s, v1.4s, v2.4s
    uqsub v0.2d, v1.2d, v2.2d
    cmhi v0.8b, v1.8b, v2.8b
    cmhi v0.16b, v1.16b, v2.16b
    cmhi v0.4h, v1.4h, v2.4h
    cmhi v0.8h, v1.8h, v2.8h
    cmhi v0.2s, v1.2s, v2.2s
    cmhi v0.4s, v1.4s, v2.4s
    cmhi v0.2d, v1.2d, v2.2d
    cmhs v0.8b, v1.8b, v2.8b
    cmhs v0.16b, v1.16b, v2.16b
    cmhs v0.4h, v1.4h, v2.4h
    cmhs v0.8h, v1.8h, v2.8h
    cmhs v0.2s, v1.2s, v2.2s
    cmhs v0.4s, v1.4s, v2.4s
    cmhs v0.2d, v1.2d, v2.2d
    ushl v0.8b, v1.8b, v2.8b
    ushl v0.16b, v1.16b, v2.16b
    ushl v0.4h, v1.4h, v2.4h
    ushl v0.8h, v1.8h, v2.8h
    ushl v0.2s, v1.2s, v2.2s
    ushl v0.4s, v1.4s, v2.4s
    ushl v0.2d, v1.2d, v2.2d
    uqshl v0.8b, v1.8b, v2.8b
    uqshl v0.16b, v1.16b, v2.16b
    uqshl v0.4h, v1.4h, v2.4h
    uqshl v0.8h, v1.8h, v2.8h
    uqshl v0.2s, v1.2s, v2.2s
    uqshl v0.4s, v1.4s, v2.4s
    uqshl v0.2d, v1.2d, v2.2d
    urshl v0.8b, v1.8b, v2.8b
    urshl v0.16b, v1.16b, v2.16b
    urshl v0.4h, v1.4h, v2.4h
    urshl v0.8h, v1.8h, v2.8h
    urshl v0.2s, v1.2s, v2.2s
    urshl v0.4s, v1.4s, v2.4s
    urshl v0.2d, v1.2d, v2.2d
    uqrshl v0.8b, v1.8b, v2.8b
    uqrshl v0.16b, v1.16b, v2.16b
    uqrshl v0.4h, v1.4h, v2.4h
    uqrshl v0.8h, v1.8h, v2.8h
    uqrshl v0.2s, v1.2s, v2.2s
    uqrshl v0.4s, v1.4s, v2.4s
    uqrshl v0.2d, v1.2d, v2.2d
    sub v0.8b, v1.8b, v2.8b
    sub v0.16b, v1.16b, v2.16b
    sub v0.4h, v1.4h, v2.4h
    sub v0.8h, v1.8h, v2.8h
    sub v0.2s, v1.2s, v2.2s
    sub v0.4s, v1.4s, v2.4s
    sub v0.2d, v1.2d, v2.2d
    cmeq v0.8b, v1.8b, v2.8b
    cmeq v0.16b, v1.16b, v2.16b
    cmeq v0.4h, v1.4h, v2.4h
    cmeq v0.8h, v1.8h, v2.8h
    cmeq v0.2s, v1.2s, v2.2s
    cmeq v0.4s, v1.4s, v2.4s
    cmeq v0.2d, v1.2d, v2.2d
    sqdmulh v0.4h, v1.4h, v2.4h
    sqdmulh v0.8h, v1.8h, v2.8h
    sqdmulh v0.2s, v1.2s, v2.2s
    sqdmulh v0.4s, v1.4s, v2.4s
    sqrdmulh v0.4h, v1.4h, v2.4h
    sqrdmulh v0.8h, v1.8h, v2.8h
    sqrdmulh v0.2s, v1.2s, v2.2s
    sqrdmulh v0.4s, v1.4s, v2.4s
    pmul v0.8b, v1.8b, v2.8b
    and v0.8b, v1.8b, v2.8b
    bic v0.8b, v1.8b, v2.8b
    orn v0.8b, v1.8b, v2.8b
    eor v0.8b, v1.8b, v2.8b
    bsl v0.8b, v1.8b, v2.8b
    bit v0.8b, v1.8b, v2.8b
    bif v0.8b, v1.8b, v2.8b
    pmul v0.16b, v1.16b, v2.16b
    and v0.16b, v1.16b, v2.16b
    bic v0.16b, v1.16b, v2.16b
    orn v0.16b, v1.16b, v2.16b
    eor v0.16b, v1.16b, v2.16b
    bsl v0.16b, v1.16b, v2.16b
    bit v0.16b, v1.16b, v2.16b
    bif v0.16b, v1.16b, v2.16b
    sqadd b0, b1, b2
    sqadd h0, h1, h2
    sqadd s0, s1, s2
    sqadd d0, d1, d2
    sqsub b0, b1, b2
    sqsub h0, h1, h2
    sqsub s0, s1, s2
    sqsub d0, d1, d2
    uqadd b0, b1, b2
    uqadd h0, h1, h2
    uqadd s0, s1, s2
    uqadd d0, d1, d2
    uqsub b0, b1, b2
    uqsub h0, h1, h2
    uqsub s0, s1, s2
    uqsub d0, d1, d2
    sqshl b0, b1, b2
    sqshl h0, h1, h2
    sqshl s0, s1, s2
    sqshl d0, d1, d2
    uqshl b0, b1, b2
    uqshl h0, h1, h2
    uqshl s0, s1, s2
    uqshl d0, d1, d2
    sqrshl b0, b1, b2
    sqrshl h0, h1, h2
    sqrshl s0, s1, s2
    sqrshl d0, d1, d2
    uqrshl b0, b1, b2
    uqrshl h0, h1, h2
    uqrshl s0, s1, s2
    uqrshl d0, d1, d2
    cmgt d0, d1, d2
    cmge d0, d1, d2
    cmhi d0, d1, d2
    cmhs d0, d1, d2
    cmtst d0, d1, d2
    cmeq d0, d1, d2
    sshl d0, d1, d2
    ushl d0, d1, d2
    srshl d0, d1, d2
    urshl d0, d1, d2
    add d0, d1, d2
    sub d0, d1, d2
    sqdmulh h0, h1, h2
    sqdmulh s0, s1, s2
    sqrdmulh h0, h1, h2
    sqrdmulh s0, s1, s2
    saddl v0.8h, v1.8b, v2.8b
    saddl2 v0.8h, v1.16b, v2.16b
    saddl v0.4s, v1.4h, v2.4h
    saddl2 v0.4s, v1.8h, v2.8h
    saddl v0.2d, v1.2s, v2.2s
    saddl2 v0.2d, v1.4s, v2.4s
    ssubl v0.8h, v1.8b, v2.8b
    ssubl2 v0.8h, v1.16b, v2.16b
    ssubl v0.4s, v1.4h, v2.4h
    ssubl2 v0.4s, v1.8h, v2.8h
    ssubl v0.2d, v1.2s, v2.2s
    ssubl2 v0.2d, v1.4s, v2.4s
    sabal v0.8h, v1.8b, v2.8b
    sabal2 v0.8h, v1.16b, v2.16b
    sabal v0.4s, v1.4h, v2.4h
    sabal2 v0.4s, v1.8h, v2.8h
    sabal v0.2d, v1.2s, v2.2s
    sabal2 v0.2d, v1.4s, v2.4s
    sabdl v0.8h, v1.8b, v2.8b
    sabdl2 v0.8h, v1.16b, v2.16b
    sabdl v0.4s, v1.4h, v2.4h
    sabdl2 v0.4s, v1.8h, v2.8h
    sabdl v0.2d, v1.2s, v2.2s
    sabdl2 v0.2d, v1.4s, v2.4s
    smlal v0.8h, v1.8b, v2.8b
    smlal2 v0.8h, v1.16b, v2.16b
    smlal v0.4s, v1.4h, v2.4h
    smlal2 v0.4s, v1.8h, v2.8h
    smlal v0.2d, v1.2s, v2.2s
    smlal2 v0.2d, v1.4s, v2.4s
    smlsl v0.8h, v1.8b, v2.8b
    smlsl2 v0.8h, v1.16b, v2.16b
    smlsl v0.4s, v1.4h, v2.4h
    smlsl2 v0.4s, v1.8h, v2.8h
    smlsl v0.2d, v1.2s, v2.2s
    smlsl2 v0.2d, v1.4s, v2.4s
    smull v0.8h, v1.8b, v2.8b
    smull2 v0.8h, v1.16b, v2.16b
    smull v0.4s, v1.4h, v2.4h
    smull2 v0.4s, v1.8h, v2.8h
    smull v0.2d, v1.2s, v2.2s
    smull2 v0.2d, v1.4s, v2.4s
    uaddl v0.8h, v1.8b, v2.8b
    uaddl2 v0.8h, v1.16b, v2.16b
    uaddl v0.4s, v1.4h, v2.4h
    uaddl2 v0.4s, v1.8h, v2.8h
    uaddl v0.2d, v1.2s, v2.2s
    uaddl2 v0.2d, v1.4s, v2.4s
    usubl v0.8h, v1.8b, v2.8b
    usubl2 v0.8h, v1.16b, v2.16b
    usubl v0.4s, v1.4h, v2.4h
    usubl2 v0.4s, v1.8h, v2.8h
    usubl v0.2d, v1.2s, v2.2s
    usubl2 v0.2d, v1.4s, v2.4s
    uabal v0.8h, v1.8b, v2.8b
    uabal2 v0.8h, v1.16b, v2.16b
    uabal v0.4s, v1.4h, v2.4h
    uabal2 v0.4s, v1.8h, v2.8h
    uabal v0.2d, v1.2s, v2.2s
    uabal2 v0.2d, v1.4s, v2.4s
    uabdl v0.8h, v1.8b, v2.8b
    uabdl2 v0.8h, v1.16b, v2.16b
    uabdl v0.4s, v1.4h, v2.4h
    uabdl2 v0.4s, v1.8h, v2.8h
    uabdl v0.2d, v1.2s, v2.2s
    uabdl2 v0.2d, v1.4s, v2.4s
    umlal v0.8h, v1.8b, v2.8b
    umlal2 v0.8h, v1.16b, v2.16b
    umlal v0.4s, v1.4h, v2.4h
    umlal2 v0.4s, v1.8h, v2.8h
    umlal v0.2d, v1.2s, v2.2s
    umlal2 v0.2d, v1.4s, v2.4s
    umlsl v0.8h, v1.8b, v2.8b
    umlsl2 v0.8h, v1.16b, v2.16b
    umlsl v0.4s, v1.4h, v2.4h
    umlsl2 v0.4s, v1.8h, v2.8h
    umlsl v0.2d, v1.2s, v2.2s
    umlsl2 v0.2d, v1.4s, v2.4s
    umull v0.8h, v1.8b, v2.8b
    umull2 v0.8h, v1.16b, v2.16b
    umull v0.4s, v1.4h, v2.4h
    umull2 v0.4s, v1.8h, v2.8h
    umull v0.2d, v1.2s, v2.2s
    umull2 v0.2d, v1.4s, v2.4s
    saddw v0.8h, v1.8h, v2.8b
    saddw2 v0.8h, v1.8h, v2.16b
    saddw v0.4s, v1.4s, v2.4h
    saddw2 v0.4s, v1.4s, v2.8h
    saddw v0.2d, v1.2d, v2.2s
    saddw2 v0.2d, v1.2d, v2.4s
    ssubw v0.8h, v1.8h, v2.8b
    ssubw2 v0.8h, v1.8h, v2.16b
    ssubw v0.4s, v1.4s, v2.4h
    ssubw2 v0.4s, v1.4s, v2.8h
    ssubw v0.2d, v1.2d, v2.2s
    ssubw2 v0.2d, v1.2d, v2.4s
    uaddw v0.8h, v1.8h, v2.8b
    uaddw2 v0.8h, v1.8h, v2.16b
    uaddw v0.4s, v1.4s, v2.4h
    uaddw2 v0.4s, v1.4s, v2.8h
    uaddw v0.2d, v1.2d, v2.2s
    uaddw2 v0.2d, v1.2d, v2.4s
    usubw v0.8h, v1.8h, v2.8b
    usubw2 v0.8h, v1.8h, v2.16b
    usubw v0.4s, v1.4s, v2.4h
    usubw2 v0.4s, v1.4s, v2.8h
    usubw v0.2d, v1.2d, v2.2s
    usubw2 v0.2d, v1.2d, v2.4s
    addhn v0.8b, v1.8h, v2.8h
    addhn2 v0.16b, v1.8h, v2.8h
    addhn v0.4h, v1.4s, v2.4s
    addhn2 v0.8h, v1.4s, v2.4s
    addhn v0.2s, v1.2d, v2.2d
    addhn2 v0.4s, v1.2d, v2.2d
    subhn v0.8b, v1.8h, v2.8h
    subhn2 v0.16b, v1.8h, v2.8h
    subhn v0.4h, v1.4s, v2.4s
    subhn2 v0.8h, v1.4s, v2.4s
    subhn v0.2s, v1.2d, v2.2d
    subhn2 v0.4s, v1.2d, v2.2d
    raddhn v0.8b, v1.8h, v2.8h
    raddhn2 v0.16b, v1.8h, v2.8h
    raddhn v0.4h, v1.4s, v2.4s
    raddhn2 v0.8h, v1.4s, v2.4s
    raddhn v0.2s, v1.2d, v2.2d
    raddhn2 v0.4s, v1.2d, v2.2d
    rsubhn v0.8b, v1.8h, v2.8h
    rsubhn2 v0.16b, v1.8h, v2.8h
    rsubhn v0.4h, v1.4s, v2.4s
    rsubhn2 v0.8h, v1.4s, v2.4s
    rsubhn v0.2s, v1.2d, v2.2d
    rsubhn2 v0.4s, v1.2d, v2.2d
    pmull v0.8h, v1.8b, v2.8b
    pmull2 v0.8h, v1.16b, v2.16b
    pmull v0.1q, v1.1d, v2.1d
    pmull2 v0.1q, v1.2d, v2.2d
    saddlp v0.4h, v1.8b
    saddlp v0.8h, v1.16b
    saddlp v0.2s, v1.4h
    saddlp v0.4s, v1.8h
    saddlp v0.1d, v1.2s
    saddlp v0.2d, v1.4s
    sadalp v0.4h, v1.8b
    sadalp v0.8h, v1.16b
    sadalp v0.2s, v1.4h
    sadalp v0.4s, v1.8h
    sadalp v0.1d, v1.2s
    sadalp v0.2d, v1.4s
    uaddlp v0.4h, v1.8b
    uaddlp v0.8h, v1.16b
    uaddlp v0.2s, v1.4h
    uaddlp v0.4s, v1.8h
    uaddlp v0.1d, v1.2s
    uaddlp v0.2d, v1.4s
    uadalp v0.4h, v1.8b
    uadalp v0.8h, v1.16b
    uadalp v0.2s, v1.4h
    uadalp v0.4s, v1.8h
    uadalp v0.1d, v1.2s
    uadalp v0.2d, v1.4s
    suqadd v0.8b, v1.8b
    suqadd v0.16b, v1.16b
    suqadd v0.4h, v1.4h
    suqadd v0.8h, v1.8h
    suqadd v0.2s, v1.2s
    suqadd v0.4s, v1.4s
    suqadd v0.2d, v1.2d
    suqadd d0, d1
    sqabs v0.8b, v1.8b
    sqabs v0.16b, v1.16b
    sqabs v0.4h, v1.4h
    sqabs v0.8h, v1.8h
    sqabs v0.2s, v1.2s
    sqabs v0.4s, v1.4s
    sqabs v0.2d, v1.2d
    sqabs d0, d1
    abs v0.8b, v1.8b
    abs v0.16b, v1.16b
    abs v0.4h, v1.4h
    abs v0.8h, v1.8h
    abs v0.2s, v1.2s
    abs v0.4s, v1.4s
    abs v0.2d, v1.2d
    abs d0, d1
    usqadd v0.8b, v1.8b
    usqadd v0.16b, v1.16b
    usqadd v0.4h, v1.4h
    usqadd v0.8h, v1.8h
    usqadd v0.2s, v1.2s
    usqadd v0.4s, v1.4s
    usqadd v0.2d, v1.2d
    usqadd d0, d1
    sqneg v0.8b, v1.8b
    sqneg v0.16b, v1.16b
    sqneg v0.4h, v1.4h
    sqneg v0.8h, v1.8h
    sqneg v0.2s, v1.2s
    sqneg v0.4s, v1.4s
    sqneg v0.2d, v1.2d
    sqneg d0, d1
    neg v0.8b, v1.8b
    neg v0.16b, v1.16b
    neg v0.4h, v1.4h
    neg v0.8h, v1.8h
    neg v0.2s, v1.2s
    neg v0.4s, v1.4s
    neg v0.2d, v1.2d
    neg d0, d1
    suqadd b0, b1
    suqadd h0, h1
    suqadd s0, s1
    sqabs b0, b1
    sqabs h0, h1
    sqabs s0, s1
    usqadd b0, b1
    usqadd h0, h1
    usqadd s0, s1
    sqneg b0, b1
    sqneg h0, h1
    sqneg s0, s1
    cmgt v0.8b, v1.8b, #0
    cmgt v0.16b, v1.16b, #0
    cmgt v0.4h, v1.4h, #0
    cmgt v0.8h, v1.8h, #0
    cmgt v0.2s, v1.2s, #0
    cmgt v0.4s, v1.4s, #0
    cmgt v0.2d, v1.2d, #0
    cmgt d0, d1, #0
    cmeq v0.8b, v1.8b, #0
    cmeq v0.16b, v1.16b, #0
    cmeq v0.4h, v1.4h, #0
    cmeq v0.8h, v1.8h, #0
    cmeq v0.2s, v1.2s, #0
    cmeq v0.4s, v1.4s, #0
    cmeq v0.2d, v1.2d, #0
    cmeq d0, d1, #0
    cmlt v0.8b, v1.8b, #0
    cmlt v0.16b, v1.16b, #0
    cmlt v0.4h, v1.4h, #0
    cmlt v0.8h, v1.8h, #0
    cmlt v0.2s, v1.2s, #0
    cmlt v0.4s, v1.4s, #0
    cmlt v0.2d, v1.2d, #0
    cmlt d0, d1, #0
    cmge v0.8b, v1.8b, #0
    cmge v0.16b, v1.16b, #0
    cmge v0.4h, v1.4h, #0
    cmge v0.8h, v1.8h, #0
    cmge v0.2s, v1.2s, #0
    cmge v0.4s, v1.4s, #0
    cmge v0.2d, v1.2d, #0
    cmge d0, d1, #0
    cmle v0.8b, v1.8b, #0
    cmle v0.16b, v1.16b, #0
    cmle v0.4h, v1.4h, #0
    cmle v0.8h, v1.8h, #0
    cmle v0.2s, v1.2s, #0
    cmle v0.4s, v1.4s, #0
    cmle v0.2d, v1.2d, #0
    cmle d0, d1, #0
    cls v0.8b, v1.8b
    cls v0.16b, v1.16b
    cls v0.4h, v1.4h
    cls v0.8h, v1.8h
    cls v0.2s, v1.2s
    cls v0.4s, v1.4s
    clz v0.8b, v1.8b
    clz v0.16b, v1.16b
    clz v0.4h, v1.4h
    clz v0.8h, v1.8h
    clz v0.2s, v1.2s
    clz v0.4s, v1.4s
    cnt v0.8b, v1.8b
    cnt v0.16b, v1.16b
    xtn v0.8b, v1.8h
    xtn2 v0.16b, v1.8h
    xtn v0.4h, v1.4s
    xtn2 v0.8h, v1.4s
    xtn v0.2s, v1.2d
    xtn2 v0.4s, v1.2d
    sqxtn v0.8b, v1.8h
    sqxtn2 v0.16b, v1.8h
    sqxtn v0.4h, v1.4s
    sqxtn2 v0.8h, v1.4s
    sqxtn v0.2s, v1.2d
    sqxtn2 v0.4s, v1.2d
    sqxtun v0.8b, v1.8h
    sqxtun2 v0.16b, v1.8h
    sqxtun v0.4h, v1.4s
    sqxtun2 v0.8h, v1.4s
    sqxtun v0.2s, v1.2d
    sqxtun2 v0.4s, v1.2d
    uqxtn v0.8b, v1.8h
    uqxtn2 v0.16b, v1.8h
    uqxtn v0.4h, v1.4s
    uqxtn2 v0.8h, v1.4s
    uqxtn v0.2s, v1.2d
    uqxtn2 v0.4s, v1.2d
    sqxtn b0, h1
    sqxtn h0, s1
    sqxtn s0, d1
    sqxtun b0, h1
    sqxtun h0, s1
    sqxtun s0, d1
    uqxtn b0, h1
    uqxtn h0, s1
    uqxtn s0, d1
    shll v0.8h, v1.8b, #8
    shll2 v0.8h, v1.16b, #8
    shll v0.4s, v1.4h, #16
    shll2 v0.4s, v1.8h, #16
    shll v0.2d, v1.2s, #32
    shll2 v0.2d, v1.4s, #32
    addv b0, v1.8b
    addv b0, v1.16b
    addv h0, v1.4h
    addv h0, v1.8h
    addv s0, v1.4s
    smaxv b0, v1.8b
    smaxv b0, v1.16b
    smaxv h0, v1.4h
    smaxv h0, v1.8h
    smaxv s0, v1.4s
    sminv b0, v1.8b
    sminv b0, v1.16b
    sminv h0, v1.4h
    sminv h0, v1.8h
    sminv s0, v1.4s
    umaxv b0, v1.8b
    umaxv b0, v1.16b
    umaxv h0, v1.4h
    umaxv h0, v1.8h
    umaxv s0, v1.4s
    uminv b0, v1.8b
    uminv b0, v1.16b
    uminv h0, v1.4h
    uminv h0, v1.8h
    uminv s0, v1.4s
    saddlv h0, v1.8b
    saddlv h0, v1.16b
    saddlv s0, v1.4h
    saddlv s0, v1.8h
    saddlv d0, v1.4s
    uaddlv h0, v1.8b
    uaddlv h0, v1.16b
    uaddlv s0, v1.4h
    uaddlv s0, v1.8h
    uaddlv d0, v1.4s
    addp d0, v1.2d
    sshr v0.8b, v1.8b, #1
    sshr v0.8b, v1.8b, #8
    sshr v0.16b, v1.16b, #1
    sshr v0.16b, v1.16b, #8
    sshr v0.4h, v1.4h, #1
    sshr v0.4h, v1.4h, #16
    sshr v0.8h, v1.8h, #1
    sshr v0.8h, v1.8h, #16
    sshr v0.2s, v1.2s, #1
    sshr v0.2s, v1.2s, #32
    sshr v0.4s, v1.4s, #1
    sshr v0.4s, v1.4s, #32
    sshr v0.2d, v1.2d, #1
    sshr v0.2d, v1.2d, #64
    sshr d0, d1, #64
    sshr d0, d1, #3
    ssra v0.8b, v1.8b, #1
    ssra v0.8b, v1.8b, #8
    ssra v0.16b, v1.16b, #1
    ssra v0.16b, v1.16b, #8
    ssra v0.4h, v1.4h, #1
    ssra v0.4h, v1.4h, #16
    ssra v0.8h, v1.8h, #1
    ssra v0.8h, v1.8h, #16
    ssra v0.2s, v1.2s, #1
    ssra v0.2s, v1.2s, #32
    ssra v0.4s, v1.4s, #1
    ssra v0.4s, v1.4s, #32
    ssra v0.2d, v1.2d, #1
    ssra v0.2d, v1.2d, #64
    ssra d0, d1, #64
    ssra d0, d1, #3
    srshr v0.8b, v1.8b, #1
    srshr v0.8b, v1.8b, #8
    srshr v0.16b, v1.16b, #1
    srshr v0.16b, v1.16b, #8
    srshr v0.4h, v1.4h, #1
    srshr v0.4h, v1.4h, #16
    srshr v0.8h, v1.8h, #1
    srshr v0.8h, v1.8h, #16
    srshr v0.2s, v1.2s, #1
    srshr v0.2s, v1.2s, #32
    srshr v0.4s, v1.4s, #1
    srshr v0.4s, v1.4s, #32
    srshr v0.2d, v1.2d, #1
    srshr v0.2d, v1.2d, #64
    srshr d0, d1, #64
    srshr d0, d1, #3
    srsra v0.8b, v1.8b, #1
    srsra v0.8b, v1.8b, #8
    srsra v0.16b, v1.16b, #1
    srsra v0.16b, v1.16b, #8
    srsra v0.4h, v1.4h, #1
    srsra v0.4h, v1.4h, #16
    srsra v0.8h, v1.8h, #1
    srsra v0.8h, v1.8h, #16
    srsra v0.2s, v1.2s, #1
    srsra v0.2s, v1.2s, #32
    srsra v0.4s, v1.4s, #1
    srsra v0.4s, v1.4s, #32
    srsra v0.2d, v1.2d, #1
    srsra v0.2d, v1.2d, #64
    srsra d0, d1, #64
    srsra d0, d1, #3
    ushr v0.8b, v1.8b, #1
    ushr v0.8b, v1.8b, #8
    ushr v0.16b, v1.16b, #1
    ushr v0.16b, v1.16b, #8
    ushr v0.4h, v1.4h, #1
    ushr v0.4h, v1.4h, #16
    ushr v0.8h, v1.8h, #1
    ushr v0.8h, v1.8h, #16
    ushr v0.2s, v1.2s, #1
    ushr v0.2s, v1.2s, #32
    ushr v0.4s, v1.4s, #1
    ushr v0.4s, v1.4s, #32
    ushr v0.2d, v1.2d, #1
    ushr v0.2d, v1.2d, #64
    ushr d0, d1, #64
    ushr d0, d1, #3
    usra v0.8b, v1.8b, #1
    usra v0.8b, v1.8b, #8
    usra v0.16b, v1.16b, #1
    usra v0.16b, v1.16b, #8
    usra v0.4h, v1.4h, #1
    usra v0.4h, v1.4h, #16
    usra v0.8h, v1.8h, #1
    usra v0.8h, v1.8h, #16
    usra v0.2s, v1.2s, #1
    usra v0.2s, v1.2s, #32
    usra v0.4s, v1.4s, #1
    usra v0.4s, v1.4s, #32
    usra v0.2d, v1.2d, #1
    usra v0.2d, v1.2d, #64
    usra d0, d1, #64
    usra d0, d1, #3
    urshr v0.8b, v1.8b, #1
    urshr v0.8b, v1.8b, #8
    urshr v0.16b, v1.16b, #1
    urshr v0.16b, v1.16b, #8
    urshr v0.4h, v1.4h, #1
    urshr v0.4h, v1.4h, #16
    urshr v0.8h, v1.8h, #1
    urshr v0.8h, v1.8h, #16
    urshr v0.2s, v1.2s, #1
    urshr v0.2s, v1.2s, #32
    urshr v0.4s, v1.4s, #1
    urshr v0.4s, v1.4s, #32
    urshr v0.2d, v1.2d, #1
    urshr v0.2d, v1.2d, #64
    urshr d0, d1, #64
    urshr d0, d1, #3
    ursra v0.8b, v1.8b, #1
    ursra v0.8b, v1.8b, #8
    ursra v0.16b, v1.16b, #1
    ursra v0.16b, v1.16b, #8
    ursra v0.4h, v1.4h, #1
    ursra v0.4h, v1.4h, #16
    ursra v0.8h, v1.8h, #1
    ursra v0.8h, v1.8h, #16
    ursra v0.2s, v1.2s, #1
    ursra v0.2s, v1.2s, #32
    ursra v0.4s, v1.4s, #1
    ursra v0.4s, v1.4s, #32
    ursra v0.2d, v1.2d, #1
    ursra v0.2d, v1.2d, #64
    ursra d0, d1, #64
    ursra d0, d1, #3
    sri v0.8b, v1.8b, #1
    sri v0.8b, v1.8b, #8
    sri v0.16b, v1.16b, #1
    sri v0.16b, v1.16b, #8
    sri v0.4h, v1.4h, #1
    sri v0.4h, v1.4h, #16
    sri v0.8h, v1.8h, #1
    sri v0.8h, v1.8h, #16
    sri v0.2s, v1.2s, #1
    sri v0.2s, v1.2s, #32
    sri v0.4s, v1.4s, #1
    sri v0.4s, v1.4s, #32
    sri v0.2d, v1.2d, #1
    sri v0.2d, v1.2d, #64
    sri d0, d1, #64
    sri d0, d1, #3
    shl v0.8b, v1.8b, #0
    shl v0.8b, v1.8b, #7
    shl v0.16b, v1.16b, #0
    shl v0.16b, v1.16b, #7
    shl v0.4h, v1.4h, #0
    shl v0.4h, v1.4h, #15
    shl v0.8h, v1.8h, #0
    shl v0.8h, v1.8h, #15
    shl v0.2s, v1.2s, #0
    shl v0.2s, v1.2s, #31
    shl v0.4s, v1.4s, #0
    shl v0.4s, v1.4s, #31
    shl v0.2d, v1.2d, #0
    shl v0.2d, v1.2d, #63
    shl d0, d1, #63
    sli v0.8b, v1.8b, #0
    sli v0.8b, v1.8b, #7
    sli v0.16b, v1.16b, #0
    sli v0.16b, v1.16b, #7
    sli v0.4h, v1.4h, #0
    sli v0.4h, v1.4h, #15
    sli v0.8h, v1.8h, #0
    sli v0.8h, v1.8h, #15
    sli v0.2s, v1.2s, #0
    sli v0.2s, v1.2s, #31
    sli v0.4s, v1.4s, #0
    sli v0.4s, v1.4s, #31
    sli v0.2d, v1.2d, #0
    sli v0.2d, v1.2d, #63
    sli d0, d1, #63
    sqshl v0.8b, v1.8b, #0
    sqshl v0.8b, v1.8b, #7
    sqshl v0.16b, v1.16b, #0
    sqshl v0.16b, v1.16b, #7
    sqshl v0.4h, v1.4h, #0
    sqshl v0.4h, v1.4h, #15
    sqshl v0.8h, v1.8h, #0
    sqshl v0.8h, v1.8h, #15
    sqshl v0.2s, v1.2s, #0
    sqshl v0.2s, v1.2s, #31
    sqshl v0.4s, v1.4s, #0
    sqshl v0.4s, v1.4s, #31
    sqshl v0.2d, v1.2d, #0
    sqshl v0.2d, v1.2d, #63
    sqshl d0, d1, #63
    uqshl v0.8b, v1.8b, #0
    uqshl v0.8b, v1.8b, #7
    uqshl v0.16b, v1.16b, #0
    uqshl v0.16b, v1.16b, #7
    uqshl v0.4h, v1.4h, #0
    uqshl v0.4h, v1.4h, #15
    uqshl v0.8h, v1.8h, #0
    uqshl v0.8h, v1.8h, #15
    uqshl v0.2s, v1.2s, #0
    uqshl v0.2s, v1.2s, #31
    uqshl v0.4s, v1.4s, #0
    uqshl v0.4s, v1.4s, #31
    uqshl v0.2d, v1.2d, #0
    uqshl v0.2d, v1.2d, #63
    uqshl d0, d1, #63
    sqshlu v0.8b, v1.8b, #0
    sqshlu v0.8b, v1.8b, #7
    sqshlu v0.16b, v1.16b, #0
    sqshlu v0.16b, v1.16b, #7
    sqshlu v0.4h, v1.4h, #0
    sqshlu v0.4h, v1.4h, #15
    sqshlu v0.8h, v1.8h, #0
    sqshlu v0.8h, v1.8h, #15
    sqshlu v0.2s, v1.2s, #0
    sqshlu v0.2s, v1.2s, #31
    sqshlu v0.4s, v1.4s, #0
    sqshlu v0.4s, v1.4s, #31
    sqshlu v0.2d, v1.2d, #0
    sqshlu v0.2d, v1.2d, #63
    sqshlu d0, d1, #63
    sqshl b0, b1, #2
    sqshl h0, h1, #2
    sqshl s0, s1, #2
    uqshl b0, b1, #2
    uqshl h0, h1, #2
    uqshl s0, s1, #2
    sqshlu b0, b1, #2
    sqshlu h0, h1, #2
    sqshlu s0, s1, #2
    shrn v0.8b, v1.8h, #1
    shrn2 v0.16b, v1.8h, #8
    shrn v0.4h, v1.4s, #1
    shrn2 v0.8h, v1.4s, #16
    shrn v0.2s, v1.2d, #1
    shrn2 v0.4s, v1.2d, #32
    rshrn v0.8b, v1.8h, #1
    rshrn2 v0.16b, v1.8h, #8
    rshrn v0.4h, v1.4s, #1
    rshrn2 v0.8h, v1.4s, #16
    rshrn v0.2s, v1.2d, #1
    rshrn2 v0.4s, v1.2d, #32
    sqshrn v0.8b, v1.8h, #1
    sqshrn2 v0.16b, v1.8h, #8
    sqshrn v0.4h, v1.4s, #1
    sqshrn2 v0.8h, v1.4s, #16
    sqshrn v0.2s, v1.2d, #1
    sqshrn2 v0.4s, v1.2d, #32
    sqrshrn v0.8b, v1.8h, #1
    sqrshrn2 v0.16b, v1.8h, #8
    sqrshrn v0.4h, v1.4s, #1
    sqrshrn2 v0.8h, v1.4s, #16
    sqrshrn v0.2s, v1.2d, #1
    sqrshrn2 v0.4s, v1.2d, #32
    sqshrun v0.8b, v1.8h, #1
    sqshrun2 v0.16b, v1.8h, #8
    sqshrun v0.4h, v1.4s, #1
    sqshrun2 v0.8h, v1.4s, #16
    sqshrun v0.2s, v1.2d, #1
    sqshrun2 v0.4s, v1.2d, #32
    sqrshrun v0.8b, v1.8h, #1
    sqrshrun2 v0.16b, v1.8h, #8
    sqrshrun v0.4h, v1.4s, #1
    sqrshrun2 v0.8h, v1.4s, #16
    sqrshrun v0.2s, v1.2d, #1
    sqrshrun2 v0.4s, v1.2d, #32
    uqshrn v0.8b, v1.8h, #1
    uqshrn2 v0.16b, v1.8h, #8
    uqshrn v0.4h, v1.4s, #1
    uqshrn2 v0.8h, v1.4s, #16
    uqshrn v0.2s, v1.2d, #1
    uqshrn2 v0.4s, v1.2d, #32
    uqrshrn v0.8b, v1.8h, #1
    uqrshrn2 v0.16b, v1.8h, #8
    uqrshrn v0.4h, v1.4s, #1
    uqrshrn2 v0.8h, v1.4s, #16
    uqrshrn v0.2s, v1.2d, #1
    uqrshrn2 v0.4s, v1.2d, #32
    sqshrn b0, h1, #8
    sqshrn h0, s1, #16
    sqshrn s0, d1, #32
    sqrshrn b0, h1, #8
    sqrshrn h0, s1, #16
    sqrshrn s0, d1, #32
    sqshrun b0, h1, #8
    sqshrun h0, s1, #16
    sqshrun s0, d1, #32
    sqrshrun b0, h1, #8
    sqrshrun h0, s1, #16
    sqrshrun s0, d1, #32
    uqshrn b0, h1, #8
    uqshrn h0, s1, #16
    uqshrn s0, d1, #32
    uqrshrn b0, h1, #8
    uqrshrn h0, s1, #16
    uqrshrn s0, d1, #32
    sshll v0.8h, v1.8b, #3
    sshll2 v0.8h, v1.16b, #1
    sshll v0.4s, v1.4h, #3
    sshll2 v0.4s, v1.8h, #1
    sshll v0.2d, v1.2s, #3
    sshll2 v0.2d, v1.4s, #1
    ushll v0.8h, v1.8b, #3
    ushll2 v0.8h, v1.16b, #1
    ushll v0.4s, v1.4h, #3
    ushll2 v0.4s, v1.8h, #1
    ushll v0.2d, v1.2s, #3
    ushll2 v0.2d, v1.4s, #1
    sxtl v0.8h, v1.8b
    sxtl2 v0.8h, v1.16b
    sxtl v0.4s, v1.4h
    sxtl2 v0.4s, v1.8h
    sxtl v0.2d, v1.2s
    sxtl2 v0.2d, v1.4s
    uxtl v0.8h, v1.8b
    uxtl2 v0.8h, v1.16b
    uxtl v0.4s, v1.4h
    uxtl2 v0.4s, v1.8h
    uxtl v0.2d, v1.2s
    uxtl2 v0.2d, v1.4s
    mul v0.4h, v1.4h, v15.h[7]
    mul v0.8h, v1.8h, v2.h[0]
    mul v0.2s, v1.2s, v31.s[3]
    mul v0.4s, v1.4s, v2.s[1]
    mla v0.4h, v1.4h, v15.h[7]
    mla v0.8h, v1.8h, v2.h[0]
    mla v0.2s, v1.2s, v31.s[3]
    mla v0.4s, v1.4s, v2.s[1]
    mls v0.4h, v1.4h, v15.h[7]
    mls v0.8h, v1.8h, v2.h[0]
    mls v0.2s, v1.2s, v31.s[3]
    mls v0.4s, v1.4s, v2.s[1]
    sqdmulh v0.4h, v1.4h, v15.h[7]
    sqdmulh v0.8h, v1.8h, v2.h[0]
    sqdmulh v0.2s, v1.2s, v31.s[3]
    sqdmulh v0.4s, v1.4s, v2.s[1]
    sqrdmulh v0.4h, v1.4h, v15.h[7]
    sqrdmulh v0.8h, v1.8h, v2.h[0]
    sqrdmulh v0.2s, v1.2s, v31.s[3]
    sqrdmulh v0.4s, v1.4s, v2.s[1]
    smull v0.4s, v1.4h, v15.h[7]
    smull2 v0.4s, v1.8h, v2.h[2]
    smull v0.2d, v1.2s, v31.s[3]
    smull2 v0.2d, v1.4s, v2.s[1]
    umull v0.4s, v1.4h, v15.h[7]
    umull2 v0.4s, v1.8h, v2.h[2]
    umull v0.2d, v1.2s, v31.s[3]
    umull2 v0.2d, v1.4s, v2.s[1]
    smlal v0.4s, v1.4h, v15.h[7]
    smlal2 v0.4s, v1.8h, v2.h[2]
    smlal v0.2d, v1.2s, v31.s[3]
    smlal2 v0.2d, v1.4s, v2.s[1]
    umlal v0.4s, v1.4h, v15.h[7]
    umlal2 v0.4s, v1.8h, v2.h[2]
    umlal v0.2d, v1.2s, v31.s[3]
    umlal2 v0.2d, v1.4s, v2.s[1]
    smlsl v0.4s, v1.4h, v15.h[7]
    smlsl2 v0.4s, v1.8h, v2.h[2]
    smlsl v0.2d, v1.2s, v31.s[3]
    smlsl2 v0.2d, v1.4s, v2.s[1]
    umlsl v0.4s, v1.4h, v15.h[7]
    umlsl2 v0.4s, v1.8h, v2.h[2]
    umlsl v0.2d, v1.2s, v31.s[3]
    umlsl2 v0.2d, v1.4s, v2.s[1]
    aese v0.16b, v1.16b
    aesd v0.16b, v1.16b
    aesmc v0.16b, v1.16b
    aesimc v0.16b, v1.16b
    sha1c q0, s1, v2.4s
    sha1p q0, s1, v2.4s
    sha1m q0, s1, v2.4s
    sha1su0 v0.4s, v1.4s, v2.4s
    sha256h q0, q1, v2.4s
    sha256h2 q0, q1, v2.4s
    sha256su1 v0.4s, v1.4s, v2.4s
    sha1h s0, s1
    sha1su1 v0.4s, v1.4s
    sha256su0 v0.4s, v1.4s
    sha512h q0, q1, v2.2d
    sha512h2 q0, q1, v2.2d
    sha512su1 v0.2d, v1.2d, v2.2d
    sha512su0 v0.2d, v1.2d
    eor3 v0.16b, v1.16b, v2.16b, v3.16b
    bcax v0.16b, v1.16b, v2.16b, v31.16b
    rax1 v0.2d, v1.2d, v2.2d
    xar v0.2d, v1.2d, v2.2d, #63

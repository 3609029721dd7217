/* parser.c — dependency parsing: the arc-hybrid transition system with the
 * root at the end of the buffer (so it attaches last, once), labelled
 * transitions, and Zhang & Nivre (2011)-style rich non-local features
 * (children, valency, label sets, distance) adapted to arc-hybrid's stack
 * pair s1/s0. Greedy decoding with an averaged perceptron. */
#include "syntax.h"

#include <string.h>

#define NONE_W 3
#define ROOT_W 4
#define NONE_T 0xFFFF
#define ROOT_T 0xFFFE
#define NONE_L 0xFF

void parse_init(parse_state *p, dyad_arena *a, int n, const uint64_t *w,
                const uint16_t *t, const uint16_t *u)
{
    size_t m = (size_t)n + 2;
    uint64_t *ww = dyad_alloc(a, m * sizeof *ww);
    uint16_t *tt = dyad_alloc(a, m * sizeof *tt), *uu = dyad_alloc(a, m * sizeof *uu);
    ww[0] = NONE_W, tt[0] = NONE_T, uu[0] = NONE_T;
    ww[n + 1] = ROOT_W, tt[n + 1] = ROOT_T, uu[n + 1] = ROOT_T;
    memcpy(ww + 1, w, (size_t)n * sizeof *ww);
    memcpy(tt + 1, t, (size_t)n * sizeof *tt);
    memcpy(uu + 1, u, (size_t)n * sizeof *uu);
    p->n = n, p->w = ww, p->t = tt, p->u = uu;
    p->stack = dyad_alloc(a, m * sizeof(int));
    p->sp = 0;
    p->b = 1;
    int **ia[] = {&p->head, &p->label, &p->lc1, &p->lc2, &p->rc1, &p->rc2, &p->nl, &p->nr};
    for (size_t k = 0; k < sizeof ia / sizeof *ia; k++) *ia[k] = dyad_alloc(a, m * sizeof(int));
    p->lset = dyad_alloc(a, m * sizeof(uint64_t));
    p->rset = dyad_alloc(a, m * sizeof(uint64_t));
    for (size_t i = 0; i < m; i++) p->head[i] = -1, p->label[i] = NONE_L;
}

int parse_done(const parse_state *p) { return p->sp == 0 && p->b == p->n + 1; }

int parse_valid(const parse_state *p, int c, int rootlab)
{
    if (c == PARSE_SHIFT) return p->b <= p->n;
    int lab = (c - 1) / 2;
    if (c & 1) {
        if (p->sp < 1) return 0;
        if (p->b == p->n + 1) return p->sp == 1 && lab == rootlab;
        return lab != rootlab;
    }
    return p->sp >= 2 && lab != rootlab;
}

static void add_child(parse_state *p, int h, int d, int lab)
{
    p->head[d] = h;
    p->label[d] = lab;
    if (d < h) {
        p->nl[h]++;
        p->lset[h] |= 1ULL << (lab & 63);
        if (!p->lc1[h] || d < p->lc1[h]) p->lc2[h] = p->lc1[h], p->lc1[h] = d;
        else if (!p->lc2[h] || d < p->lc2[h]) p->lc2[h] = d;
    } else {
        p->nr[h]++;
        p->rset[h] |= 1ULL << (lab & 63);
        if (!p->rc1[h] || d > p->rc1[h]) p->rc2[h] = p->rc1[h], p->rc1[h] = d;
        else if (!p->rc2[h] || d > p->rc2[h]) p->rc2[h] = d;
    }
}

void parse_apply(parse_state *p, int c)
{
    if (c == PARSE_SHIFT) {
        p->stack[p->sp++] = p->b++;
        return;
    }
    int d = p->stack[--p->sp];
    if (c & 1) add_child(p, p->b, d, (c - 1) / 2);
    else add_child(p, p->stack[p->sp - 1], d, (c - 2) / 2);
}

static inline uint64_t P2(uint64_t a, uint64_t b) { return fkey(0, a, b, 0); }

int parse_features(const parse_state *p, uint64_t *f)
{
    int n = 0;
    int s0 = p->sp > 0 ? p->stack[p->sp - 1] : 0;
    int s1 = p->sp > 1 ? p->stack[p->sp - 2] : 0;
    int s2 = p->sp > 2 ? p->stack[p->sp - 3] : 0;
    int b0 = p->b <= p->n + 1 ? p->b : 0;
    int b1 = b0 && b0 + 1 <= p->n + 1 ? b0 + 1 : 0;
    int b2 = b1 && b1 + 1 <= p->n + 1 ? b1 + 1 : 0;
    const uint64_t *w = p->w;
    const uint16_t *t = p->t;
#define L(x) ((x) ? (uint64_t)p->label[x] : (uint64_t)NONE_L)
    uint64_t s0w = w[s0], s0t = t[s0], s1w = w[s1], s1t = t[s1], b0w = w[b0], b0t = t[b0];
    uint64_t s0wt = P2(s0w, s0t), s1wt = P2(s1w, s1t), b0wt = P2(b0w, b0t);
    int s0l1 = p->lc1[s0], s0l2 = p->lc2[s0], s0r1 = p->rc1[s0], s0r2 = p->rc2[s0];
    int s1l1 = p->lc1[s1], s1r1 = p->rc1[s1], s1r2 = p->rc2[s1];
    int b0l1 = p->lc1[b0], b0l2 = p->lc2[b0];
    if (!s0) s0l1 = s0l2 = s0r1 = s0r2 = 0;
    if (!s1) s1l1 = s1r1 = s1r2 = 0;
    if (!b0) b0l1 = b0l2 = 0;
    int dist = s0 && b0 ? b0 - s0 : 0;
    if (b0 == p->n + 1) dist = 99;
    uint64_t d = dist > 10 ? (dist == 99 ? 99 : 11 + (dist > 20)) : (uint64_t)dist;
    int dist1 = s1 && s0 ? s0 - s1 : 0;
    uint64_t d1 = dist1 > 10 ? 11 + (dist1 > 20) : (uint64_t)dist1;

    f[n++] = fkey(1, s0w, 0, 0);
    f[n++] = fkey(2, s0t, 0, 0);
    f[n++] = fkey(3, s0wt, 0, 0);
    f[n++] = fkey(4, s1w, 0, 0);
    f[n++] = fkey(5, s1t, 0, 0);
    f[n++] = fkey(6, s1wt, 0, 0);
    f[n++] = fkey(7, b0w, 0, 0);
    f[n++] = fkey(8, b0t, 0, 0);
    f[n++] = fkey(9, b0wt, 0, 0);
    f[n++] = fkey(10, w[b1], 0, 0);
    f[n++] = fkey(11, t[b1], 0, 0);
    f[n++] = fkey(12, w[b1], t[b1], 0);
    f[n++] = fkey(13, w[b2], 0, 0);
    f[n++] = fkey(14, t[b2], 0, 0);
    f[n++] = fkey(16, t[s2], 0, 0);
    f[n++] = fkey(17, w[s2], 0, 0);

    f[n++] = fkey(20, s0wt, b0wt, 0);
    f[n++] = fkey(21, s0wt, b0w, 0);
    f[n++] = fkey(22, s0w, b0wt, 0);
    f[n++] = fkey(23, s0wt, b0t, 0);
    f[n++] = fkey(24, s0t, b0wt, 0);
    f[n++] = fkey(25, s0w, b0w, 0);
    f[n++] = fkey(26, s0t, b0t, 0);
    f[n++] = fkey(27, b0t, t[b1], 0);
    f[n++] = fkey(28, s1wt, s0wt, 0);
    f[n++] = fkey(29, s1w, s0w, 0);
    f[n++] = fkey(30, s1t, s0t, 0);
    f[n++] = fkey(31, s1t, s0wt, 0);
    f[n++] = fkey(32, s1wt, s0t, 0);
    f[n++] = fkey(33, b0t, t[b1], t[b2]);
    f[n++] = fkey(34, s0t, b0t, t[b1]);
    f[n++] = fkey(35, s1t, s0t, b0t);
    f[n++] = fkey(36, s0t, t[s0l1], b0t);
    f[n++] = fkey(37, s0t, t[s0r1], b0t);
    f[n++] = fkey(38, s0t, b0t, t[b0l1]);
    f[n++] = fkey(39, s1t, s0t, t[s0l1]);
    f[n++] = fkey(40, s1t, t[s1r1], s0t);
    f[n++] = fkey(41, t[s2], s1t, s0t);
    f[n++] = fkey(42, s1t, s0t, t[s0r1]);
    f[n++] = fkey(43, s0w, d, 0);
    f[n++] = fkey(44, s0t, d, 0);
    f[n++] = fkey(45, b0w, d, 0);
    f[n++] = fkey(46, b0t, d, 0);
    f[n++] = fkey(47, s0w, b0w, d);
    f[n++] = fkey(48, s0t, b0t, d);
    f[n++] = fkey(49, s1t, s0t, d1);
    f[n++] = fkey(58, s1w, s0w, d1);
    f[n++] = fkey(50, s0w, (uint64_t)p->nr[s0], 0);
    f[n++] = fkey(51, s0t, (uint64_t)p->nr[s0], 0);
    f[n++] = fkey(52, s0w, (uint64_t)p->nl[s0], 0);
    f[n++] = fkey(53, s0t, (uint64_t)p->nl[s0], 0);
    f[n++] = fkey(54, b0w, (uint64_t)p->nl[b0], 0);
    f[n++] = fkey(55, b0t, (uint64_t)p->nl[b0], 0);
    f[n++] = fkey(56, s1w, (uint64_t)p->nr[s1], 0);
    f[n++] = fkey(57, s1t, (uint64_t)p->nr[s1], 0);
    f[n++] = fkey(60, w[s0l1], 0, 0);
    f[n++] = fkey(61, t[s0l1], 0, 0);
    f[n++] = fkey(62, L(s0l1), 0, 0);
    f[n++] = fkey(63, w[s0r1], 0, 0);
    f[n++] = fkey(64, t[s0r1], 0, 0);
    f[n++] = fkey(65, L(s0r1), 0, 0);
    f[n++] = fkey(66, w[b0l1], 0, 0);
    f[n++] = fkey(67, t[b0l1], 0, 0);
    f[n++] = fkey(68, L(b0l1), 0, 0);
    f[n++] = fkey(69, w[s1r1], 0, 0);
    f[n++] = fkey(70, t[s1r1], 0, 0);
    f[n++] = fkey(71, L(s1r1), 0, 0);
    f[n++] = fkey(72, t[s1l1], 0, 0);
    f[n++] = fkey(73, L(s1l1), 0, 0);
    f[n++] = fkey(74, w[s0l2], 0, 0);
    f[n++] = fkey(75, t[s0l2], 0, 0);
    f[n++] = fkey(76, L(s0l2), 0, 0);
    f[n++] = fkey(77, w[s0r2], 0, 0);
    f[n++] = fkey(78, t[s0r2], 0, 0);
    f[n++] = fkey(79, L(s0r2), 0, 0);
    f[n++] = fkey(80, w[b0l2], 0, 0);
    f[n++] = fkey(81, t[b0l2], 0, 0);
    f[n++] = fkey(82, L(b0l2), 0, 0);
    f[n++] = fkey(83, s0t, t[s0l1], t[s0l2]);
    f[n++] = fkey(84, s0t, t[s0r1], t[s0r2]);
    f[n++] = fkey(85, b0t, t[b0l1], t[b0l2]);
    f[n++] = fkey(86, s0w, p->rset[s0], 0);
    f[n++] = fkey(87, s0t, p->rset[s0], 0);
    f[n++] = fkey(88, s0w, p->lset[s0], 0);
    f[n++] = fkey(89, s0t, p->lset[s0], 0);
    f[n++] = fkey(90, b0w, p->lset[b0], 0);
    f[n++] = fkey(91, b0t, p->lset[b0], 0);
    f[n++] = fkey(92, s1t, p->rset[s1], 0);
    f[n++] = fkey(93, p->u[s1], p->u[s0], p->u[b0]);
    f[n++] = fkey(94, s1t, t[s1r2], t[s1r1]);
    f[n++] = fkey(95, s0t, L(s0l1), L(s0r1));
    f[n++] = fkey(96, s1t, L(s1r1), s0t);
    f[n++] = fkey(97, s0w, t[s0l1], b0t);
    /* LEFT or RIGHT is a choice between b0 and s1 as the head of s0 */
    f[n++] = fkey(98, s1t, b0t, 0);
    f[n++] = fkey(99, s1w, s0t, b0t);
    f[n++] = fkey(100, s1t, s0w, b0t);
    f[n++] = fkey(101, s1t, s0t, b0w);
    f[n++] = fkey(102, P2(s1t, s0t), b0t, P2(d, d1));
    f[n++] = fkey(103, p->u[s0], p->u[b0], d);
    f[n++] = fkey(104, p->u[s1], p->u[s0], d1);
    /* the words next to s0 and b0 in the sentence (punctuation, brackets) */
    uint64_t s0prev = s0 > 1 ? t[s0 - 1] : NONE_T, s0next = s0 && s0 < p->n ? t[s0 + 1] : NONE_T;
    uint64_t b0prev = b0 > 1 ? t[b0 - 1] : NONE_T;
    f[n++] = fkey(105, s0t, s0next, b0t);
    f[n++] = fkey(106, s0t, b0prev, b0t);
    f[n++] = fkey(107, s0prev, s0t, b0t);
    f[n++] = fkey(108, s1wt, b0wt, 0);
#undef L
    return n;
}

void parse_sentence(const ap_model *m, int rootlab, parse_state *p, float *scores)
{
    uint64_t f[PARSE_MAX_FEATS];
    /* the classes parse_valid allows, as bit sets: SHIFT, the left and
     * the right arcs with a label other than root, the left arc root */
    enum { W = AP_MAX_CLASSES / 64 };
    uint64_t left[W] = {0}, right[W] = {0}, rootleft[W] = {0}, valid[W];
    for (int c = 1; c < (int)m->nclasses; c++) {
        int lab = (c - 1) / 2;
        if (c & 1) {
            if (lab != rootlab) left[c / 64] |= 1ULL << (c % 64);
            else rootleft[c / 64] |= 1ULL << (c % 64);
        } else if ((c - 2) / 2 != rootlab) right[c / 64] |= 1ULL << (c % 64);
    }
    while (!parse_done(p)) {
        /* an empty stack allows only SHIFT, a lone word before the root
         * only its attachment to the root: nothing to score */
        if (p->sp == 0) {
            parse_apply(p, PARSE_SHIFT);
            continue;
        }
        if (p->sp == 1 && p->b == p->n + 1) {
            parse_apply(p, 1 + 2 * rootlab);
            continue;
        }
        int nf = parse_features(p, f);
        memset(scores, 0, m->nclasses * sizeof *scores);
        ap_model_score(m, f, nf, scores);
        int end = p->b == p->n + 1;
        for (int k = 0; k < W; k++)
            valid[k] = (p->sp >= 1 ? (end ? (p->sp == 1 ? rootleft[k] : 0) : left[k]) : 0) |
                       (p->sp >= 2 ? right[k] : 0);
        if (p->b <= p->n) valid[0] |= 1;
        parse_apply(p, (int)ap_argmax(m, scores, valid));
    }
}


/* The line engine's per-message loops in C (loaded through evidence/chats/_native.py).
 *
 * Each function here is a line-for-line copy of a Python loop of the line engine (_linebuild.LineBuilder.
 * build_to, _linecols.LineMessages._batch, _linecols.LineTimes.columns, _linescan.Scan's header pass, and
 * workbench/chats.index_payload's JSON array): the Python versions are kept, are
 * used where this module was not built (no C compiler), and a differential test runs both over the same
 * exports and requires equal results. What needs a closer look (a new sender name, a body to classify, a
 * placeholder with extra facts, a time on a day with a clock change) is handed back to Python, so the
 * rules themselves live in one place.
 *
 * Input is hostile (any bytes a chat export may hold): every position is checked against the length of
 * the data before it is read, and positions that do not fit raise ValueError instead of reading. */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

typedef struct {
    Py_buffer view;
    int held;
} Buf;

static int get_buf(PyObject *obj, Buf *b, Py_ssize_t itemsize, const char *what) {
    b->held = 0;
    if (PyObject_GetBuffer(obj, &b->view, PyBUF_FORMAT | PyBUF_C_CONTIGUOUS) < 0)
        return -1;
    b->held = 1;
    if (b->view.itemsize != itemsize) {
        PyErr_Format(PyExc_TypeError, "%s: items of %zd bytes expected", what, itemsize);
        return -1;
    }
    return 0;
}

static void rel(Buf *b) {
    if (b->held) {
        PyBuffer_Release(&b->view);
        b->held = 0;
    }
}

#define N_OF(b) ((b).view.len / (b).view.itemsize)

/* A sequence of header indexes: a range (start, step) or an array of C ints. */
typedef struct {
    int is_range;
    Py_ssize_t start, step, len;
    Buf buf;
} Seq;

static int get_seq(PyObject *obj, Seq *s) {
    s->buf.held = 0;
    if (PyObject_TypeCheck(obj, &PyRange_Type)) {
        PyObject *a = PyObject_GetAttrString(obj, "start");
        PyObject *b = PyObject_GetAttrString(obj, "step");
        s->is_range = 1;
        s->start = a ? PyLong_AsSsize_t(a) : -1;
        s->step = b ? PyLong_AsSsize_t(b) : -1;
        Py_XDECREF(a);
        Py_XDECREF(b);
        if (PyErr_Occurred())
            return -1;
        s->len = PyObject_Length(obj);
        return s->len < 0 ? -1 : 0;
    }
    s->is_range = 0;
    if (get_buf(obj, &s->buf, sizeof(int), "header indexes") < 0)
        return -1;
    s->len = N_OF(s->buf);
    return 0;
}

static inline Py_ssize_t seq_at(const Seq *s, Py_ssize_t k) {
    return s->is_range ? s->start + k * s->step : (Py_ssize_t)((const int *)s->buf.view.buf)[k];
}

static const unsigned char LRM[3] = {0xe2, 0x80, 0x8e};
static const unsigned char RLM[3] = {0xe2, 0x80, 0x8f};

static Py_ssize_t find1(const unsigned char *d, Py_ssize_t lo, Py_ssize_t hi, unsigned char c) {
    if (hi <= lo)
        return -1;
    const unsigned char *p = memchr(d + lo, c, (size_t)(hi - lo));
    return p ? (Py_ssize_t)(p - d) : -1;
}

static Py_ssize_t find_colon_space(const unsigned char *d, Py_ssize_t lo, Py_ssize_t hi) {
    /* the first ": " lying wholly inside d[lo:hi] (bytes.find(b": ", lo, hi)) */
    while (lo < hi - 1) {
        const unsigned char *p = memchr(d + lo, ':', (size_t)(hi - 1 - lo));
        if (!p)
            return -1;
        Py_ssize_t at = p - d;
        if (d[at + 1] == ' ')
            return at;
        lo = at + 1;
    }
    return -1;
}

/* A 65,536-bit filter of 8-byte strings (the keys of ``tails``): a string whose bit is clear is surely not a
 * key, so most bodies are passed over without making a bytes object. */
#define TAIL_BITS 16
static inline uint32_t hash8(const unsigned char *p) {
    uint64_t x = 0;
    for (int k = 7; k >= 0; k--)
        x = (x << 8) | p[k];
    return (uint32_t)((x * 0x9E3779B97F4A7C15ULL) >> (64 - TAIL_BITS));
}

static inline int in_filter(const uint64_t *filter, const unsigned char *p) {
    uint32_t h = hash8(p);
    return (filter[h >> 6] >> (h & 63)) & 1;
}

/* build(data, final, k0, k1, nexts, hends, sget, new_sender, exact, maxexact, idx0, system_code,
 *       user_code[, tails, tail])
 *   -> (bstart, bend, snd, kind, hid, pending, special, slow, exact_extra)
 * Mirrors LineBuilder.build_to for final headers k0..k1 (see there). ``tails``: a dict whose keys are the
 * body endings of ``tail`` bytes that send a body to the closer look (_wa_body.trailing_keys). */
static PyObject *build(PyObject *self, PyObject *args) {
    Py_buffer data;
    PyObject *final_o, *nexts_o, *hends_o, *sget, *new_sender, *exact;
    PyObject *tails = NULL;
    Py_ssize_t k0, k1, maxexact, idx, tail = 0;
    int system_code, user_code;
    if (!PyArg_ParseTuple(args, "y*OnnOOO!OO!nnii|O!n", &data, &final_o, &k0, &k1, &nexts_o, &hends_o, &PyDict_Type,
                          &sget, &new_sender, &PyDict_Type, &exact, &maxexact, &idx, &system_code, &user_code,
                          &PyDict_Type, &tails, &tail))
        return NULL;
    Seq fin;
    Buf nexts, hends;
    fin.buf.held = nexts.held = hends.held = 0;
    PyObject *out_bs = NULL, *out_be = NULL, *out_snd = NULL, *out_kind = NULL, *out_hid = NULL;
    PyObject *pending = NULL, *special = NULL, *slow = NULL, *exact_extra = NULL, *result = NULL;
    if (get_seq(final_o, &fin) < 0 || get_buf(nexts_o, &nexts, 8, "nexts") < 0 || get_buf(hends_o, &hends, 8, "hends") < 0)
        goto done;
    if (k0 < 0 || k1 < k0 || k1 > fin.len || k1 > N_OF(nexts)) {
        PyErr_SetString(PyExc_ValueError, "build: header range out of bounds");
        goto done;
    }
    const unsigned char *d = (const unsigned char *)data.buf;
    const Py_ssize_t n = data.len;
    const int64_t *nx = (const int64_t *)nexts.view.buf;
    const int64_t *hd = (const int64_t *)hends.view.buf;
    const Py_ssize_t nh = N_OF(hends);
    const Py_ssize_t m = k1 - k0;
    uint64_t filter[(1 << TAIL_BITS) / 64];
    int filtered = tails != NULL && tail == 8;
    if (filtered) {
        memset(filter, 0, sizeof(filter));
        Py_ssize_t pos = 0;
        PyObject *key, *val;
        while (PyDict_Next(tails, &pos, &key, &val)) {
            if (!PyBytes_Check(key) || PyBytes_GET_SIZE(key) != 8)
                continue; /* (cannot equal an 8-byte ending) */
            uint32_t h = hash8((const unsigned char *)PyBytes_AS_STRING(key));
            filter[h >> 6] |= 1ULL << (h & 63);
        }
    }
    out_bs = PyBytes_FromStringAndSize(NULL, m * 8);
    out_be = PyBytes_FromStringAndSize(NULL, m * 8);
    out_snd = PyBytes_FromStringAndSize(NULL, m * (Py_ssize_t)sizeof(int));
    out_kind = PyBytes_FromStringAndSize(NULL, m);
    out_hid = PyBytes_FromStringAndSize(NULL, m * (Py_ssize_t)sizeof(int));
    pending = PyList_New(0);
    special = PyList_New(0);
    slow = PyList_New(0);
    exact_extra = PyList_New(0);
    if (!out_bs || !out_be || !out_snd || !out_kind || !out_hid || !pending || !special || !slow || !exact_extra)
        goto done;
    int64_t *obs = (int64_t *)PyBytes_AS_STRING(out_bs);
    int64_t *obe = (int64_t *)PyBytes_AS_STRING(out_be);
    int *osnd = (int *)PyBytes_AS_STRING(out_snd);
    unsigned char *okind = (unsigned char *)PyBytes_AS_STRING(out_kind);
    int *ohid = (int *)PyBytes_AS_STRING(out_hid);
    for (Py_ssize_t j = 0; j < m; j++) {
        Py_ssize_t i = seq_at(&fin, k0 + j);
        Py_ssize_t nxt = (Py_ssize_t)nx[k0 + j];
        idx++;
        if (i < 0 || i >= nh || i > INT_MAX) {
            PyErr_SetString(PyExc_ValueError, "build: header index out of bounds");
            goto done;
        }
        Py_ssize_t he = (Py_ssize_t)hd[i];
        Py_ssize_t end = nxt - 1;
        if (he < 0 || he > n || end > n || end < 0) {
            PyErr_SetString(PyExc_ValueError, "build: position outside the data");
            goto done;
        }
        while (end > he && (d[end - 1] == 10 || d[end - 1] == 13))
            end--;
        Py_ssize_t eol = find1(d, he, end, '\n');
        Py_ssize_t fl_end = eol == -1 ? end : eol;
        Py_ssize_t colon = find_colon_space(d, he, fl_end);
        ohid[j] = (int)i;
        obe[j] = end;
        if (colon == -1) {
            Py_ssize_t c1 = find1(d, he, fl_end, ':');
            if (c1 > he) {
                PyObject *t = Py_BuildValue("(nn)", idx, c1);
                if (!t || PyList_Append(pending, t) < 0) {
                    Py_XDECREF(t);
                    goto done;
                }
                Py_DECREF(t);
            }
            obs[j] = he;
            osnd[j] = 0;
            okind[j] = (unsigned char)system_code;
            continue;
        }
        PyObject *sb = PyBytes_FromStringAndSize((const char *)d + he, colon - he);
        if (!sb)
            goto done;
        PyObject *sid_o = PyDict_GetItemWithError(sget, sb); /* borrowed */
        long sid;
        if (sid_o) {
            sid = PyLong_AsLong(sid_o);
        } else if (PyErr_Occurred()) {
            Py_DECREF(sb);
            goto done;
        } else {
            PyObject *r = PyObject_CallOneArg(new_sender, sb);
            if (!r) {
                Py_DECREF(sb);
                goto done;
            }
            sid = PyLong_AsLong(r);
            Py_DECREF(r);
        }
        Py_DECREF(sb);
        if (sid == -1 && PyErr_Occurred())
            goto done;
        osnd[j] = (int)sid;
        Py_ssize_t bs = colon + 2;
        while (bs + 3 <= n && (memcmp(d + bs, LRM, 3) == 0 || memcmp(d + bs, RLM, 3) == 0))
            bs += 3;
        obs[j] = bs;
        if (end - bs <= maxexact && end >= bs) {
            PyObject *body = PyBytes_FromStringAndSize((const char *)d + bs, end - bs);
            if (!body)
                goto done;
            PyObject *ex = PyDict_GetItemWithError(exact, body); /* borrowed: (kind code, extra or None) */
            Py_DECREF(body);
            if (!ex && PyErr_Occurred())
                goto done;
            if (ex) {
                if (!PyTuple_Check(ex) || PyTuple_GET_SIZE(ex) != 2) {
                    PyErr_SetString(PyExc_TypeError, "build: exact table values are (kind code, extra)");
                    goto done;
                }
                long code = PyLong_AsLong(PyTuple_GET_ITEM(ex, 0));
                if (code == -1 && PyErr_Occurred())
                    goto done;
                okind[j] = (unsigned char)code;
                PyObject *extra = PyTuple_GET_ITEM(ex, 1);
                if (PyObject_IsTrue(extra) == 1) {
                    PyObject *t = Py_BuildValue("(nO)", idx, extra);
                    if (!t || PyList_Append(exact_extra, t) < 0) {
                        Py_XDECREF(t);
                        goto done;
                    }
                    Py_DECREF(t);
                }
                continue;
            }
        }
        unsigned char last = fl_end > bs ? d[fl_end - 1] : 0;
        int route = last == 41 || last == 62 || (last == 13 && (d[fl_end - 2] == 41 || d[fl_end - 2] == 62)) ||
                    (bs < end && (d[bs] == '<' || d[end - 1] == '>'));
        /* (end <= n was checked above, and end - tail >= bs >= 0 here) */
        if (!route && tails && tail > 0 && end - bs >= tail && (!filtered || in_filter(filter, d + end - 8))) {
            PyObject *key = PyBytes_FromStringAndSize((const char *)d + end - tail, tail);
            if (!key)
                goto done;
            route = PyDict_Contains(tails, key);
            Py_DECREF(key);
            if (route < 0)
                goto done;
        }
        if (route) {
            PyObject *t = PyLong_FromSsize_t(idx);
            if (!t || PyList_Append(slow, t) < 0) {
                Py_XDECREF(t);
                goto done;
            }
            Py_DECREF(t);
        }
        okind[j] = (unsigned char)user_code;
        Py_ssize_t slen = colon - he;
        if (bs != colon + 2 || (bs + slen <= n && memcmp(d + bs, d + he, (size_t)slen) == 0)) {
            PyObject *t = PyLong_FromSsize_t(idx);
            if (!t || PyList_Append(special, t) < 0) {
                Py_XDECREF(t);
                goto done;
            }
            Py_DECREF(t);
        }
    }
    result = PyTuple_Pack(9, out_bs, out_be, out_snd, out_kind, out_hid, pending, special, slow, exact_extra);
done:
    PyBuffer_Release(&data);
    rel(&fin.buf);
    rel(&nexts);
    rel(&hends);
    Py_XDECREF(out_bs);
    Py_XDECREF(out_be);
    Py_XDECREF(out_snd);
    Py_XDECREF(out_kind);
    Py_XDECREF(out_hid);
    Py_XDECREF(pending);
    Py_XDECREF(special);
    Py_XDECREF(slow);
    Py_XDECREF(exact_extra);
    return result;
}

/* decode(data, starts, ends, a, b, index) -> [data[s:e].decode("utf-8", "replace")] for messages a..b,
 * where (s, e) = (starts[k], ends[k]) with k = j, or k = index[j] when index is not None. */
static PyObject *decode(PyObject *self, PyObject *args) {
    Py_buffer data;
    PyObject *starts_o, *ends_o, *index_o;
    Py_ssize_t a, b;
    if (!PyArg_ParseTuple(args, "y*OOnnO", &data, &starts_o, &ends_o, &a, &b, &index_o))
        return NULL;
    Buf st, en, ix;
    st.held = en.held = ix.held = 0;
    PyObject *out = NULL;
    int indexed = index_o != Py_None;
    if (get_buf(starts_o, &st, 8, "starts") < 0 || get_buf(ends_o, &en, 8, "ends") < 0 ||
        (indexed && get_buf(index_o, &ix, sizeof(int), "index") < 0))
        goto done;
    Py_ssize_t lim = indexed ? N_OF(ix) : N_OF(st);
    if (a < 0 || b < a || b > lim) {
        PyErr_SetString(PyExc_ValueError, "decode: range out of bounds");
        goto done;
    }
    const char *d = (const char *)data.buf;
    const int64_t *s = (const int64_t *)st.view.buf, *e = (const int64_t *)en.view.buf;
    const int *x = indexed ? (const int *)ix.view.buf : NULL;
    Py_ssize_t ns = N_OF(st) < N_OF(en) ? N_OF(st) : N_OF(en);
    out = PyList_New(b - a);
    if (!out)
        goto done;
    for (Py_ssize_t j = a; j < b; j++) {
        Py_ssize_t k = indexed ? (Py_ssize_t)x[j] : j;
        if (k < 0 || k >= ns || s[k] < 0 || s[k] > data.len || e[k] > data.len) {
            PyErr_SetString(PyExc_ValueError, "decode: span outside the data");
            Py_CLEAR(out);
            goto done;
        }
        /* (an end before its start is an empty span, as a Python slice makes it) */
        PyObject *u = PyUnicode_DecodeUTF8(d + s[k], e[k] > s[k] ? (Py_ssize_t)(e[k] - s[k]) : 0, "replace");
        if (!u) {
            Py_CLEAR(out);
            goto done;
        }
        PyList_SET_ITEM(out, j - a, u);
    }
done:
    PyBuffer_Release(&data);
    rel(&st);
    rel(&en);
    rel(&ix);
    return out;
}

/* times(hid, a, b, hdk, tids, dT, hms, zk_of, parts, days, reason)
 *   -> (local, utc, reasons, todo)
 * local[j] = dT[dk] + hms[tid] with dk = hdk[hid[j]], tid = tids[hid[j]]. When zk_of is None (no zone),
 * utc is None and the reason ``reason`` for all. Otherwise zk = zk_of[dk] (an int, -1 for a day with a
 * clock change), part = parts[zk][tid] (a (shift, "THH:MM:SSZ") tuple, shift -1, 0 or 1), and
 * utc = days[dk][shift + 1] + part[1] where that day is not None. Messages left (a day with a clock
 * change, a date that cannot be shifted) are listed in ``todo`` (their index in the batch) with utc None,
 * for the caller to fill as ``LineTimes.one`` does. */
static PyObject *times(PyObject *self, PyObject *args) {
    PyObject *hid_o, *hdk_o, *tids_o, *dT, *hms, *zk_of, *parts, *days, *reason;
    Py_ssize_t a, b;
    if (!PyArg_ParseTuple(args, "OnnOOO!O!OOOO", &hid_o, &a, &b, &hdk_o, &tids_o, &PyList_Type, &dT, &PyList_Type, &hms,
                          &zk_of, &parts, &days, &reason))
        return NULL;
    Buf hid, hdk, tids;
    hid.held = hdk.held = tids.held = 0;
    PyObject *local = NULL, *utc = NULL, *reasons = NULL, *todo = NULL, *result = NULL;
    int zoned = zk_of != Py_None;
    if (get_buf(hid_o, &hid, sizeof(int), "hid") < 0 || get_buf(hdk_o, &hdk, sizeof(int), "hdk") < 0 ||
        get_buf(tids_o, &tids, sizeof(int), "tids") < 0)
        goto done;
    if (zoned && (!PyList_Check(zk_of) || !PyList_Check(parts) || !PyList_Check(days))) {
        PyErr_SetString(PyExc_TypeError, "times: zk_of, parts and days are lists");
        goto done;
    }
    if (a < 0 || b < a || b > N_OF(hid)) {
        PyErr_SetString(PyExc_ValueError, "times: range out of bounds");
        goto done;
    }
    const int *h = (const int *)hid.view.buf, *dk_of = (const int *)hdk.view.buf, *t_of = (const int *)tids.view.buf;
    Py_ssize_t nh = N_OF(hdk) < N_OF(tids) ? N_OF(hdk) : N_OF(tids);
    Py_ssize_t m = b - a;
    local = PyList_New(m);
    utc = PyList_New(m);
    reasons = PyList_New(m);
    todo = PyList_New(0);
    if (!local || !utc || !reasons || !todo)
        goto done;
    for (Py_ssize_t j = 0; j < m; j++) {
        Py_ssize_t hj = h[a + j];
        if (hj < 0 || hj >= nh) {
            PyErr_SetString(PyExc_ValueError, "times: header index out of bounds");
            goto done;
        }
        Py_ssize_t dk = dk_of[hj], tid = t_of[hj];
        if (dk < 0 || dk >= PyList_GET_SIZE(dT) || tid < 0 || tid >= PyList_GET_SIZE(hms)) {
            PyErr_SetString(PyExc_ValueError, "times: date or time key out of bounds");
            goto done;
        }
        PyObject *lo = PyUnicode_Concat(PyList_GET_ITEM(dT, dk), PyList_GET_ITEM(hms, tid));
        if (!lo)
            goto done;
        PyList_SET_ITEM(local, j, lo);
        PyObject *u = NULL;
        if (zoned) {
            if (dk >= PyList_GET_SIZE(zk_of) || dk >= PyList_GET_SIZE(days)) {
                PyErr_SetString(PyExc_ValueError, "times: date key out of bounds");
                goto done;
            }
            long zk = PyLong_AsLong(PyList_GET_ITEM(zk_of, dk));
            if (zk == -1 && PyErr_Occurred())
                goto done;
            if (zk >= 0 && zk < PyList_GET_SIZE(parts)) {
                PyObject *pl = PyList_GET_ITEM(parts, zk);
                PyObject *p = PyList_Check(pl) && tid < PyList_GET_SIZE(pl) ? PyList_GET_ITEM(pl, tid) : NULL;
                PyObject *dd = PyList_GET_ITEM(days, dk);
                if (p && PyTuple_Check(p) && PyTuple_GET_SIZE(p) == 2 && PyTuple_Check(dd) && PyTuple_GET_SIZE(dd) == 3) {
                    long shift = PyLong_AsLong(PyTuple_GET_ITEM(p, 0));
                    if (shift == -1 && PyErr_Occurred())
                        goto done;
                    if (shift >= -1 && shift <= 1) {
                        PyObject *day = PyTuple_GET_ITEM(dd, shift + 1);
                        if (day != Py_None) {
                            u = PyUnicode_Concat(day, PyTuple_GET_ITEM(p, 1));
                            if (!u)
                                goto done;
                        }
                    }
                }
            }
            if (!u) {
                PyObject *t = PyLong_FromSsize_t(j);
                if (!t || PyList_Append(todo, t) < 0) {
                    Py_XDECREF(t);
                    goto done;
                }
                Py_DECREF(t);
            }
        }
        if (!u) {
            u = Py_None;
            Py_INCREF(u);
        }
        PyList_SET_ITEM(utc, j, u);
        Py_INCREF(reason);
        PyList_SET_ITEM(reasons, j, reason);
    }
    result = PyTuple_Pack(4, local, utc, reasons, todo);
done:
    rel(&hid);
    rel(&hdk);
    rel(&tids);
    Py_XDECREF(local);
    Py_XDECREF(utc);
    Py_XDECREF(reasons);
    Py_XDECREF(todo);
    return result;
}


/* headers(data, pos, maxn, templates, dmap, starts_ok, out) -> (status, pos, n)
 *
 * The header pass over lines of one proven header shape (_linescan.Scan._fast): from the newline at
 * ``pos``, every line is compared with the templates, each a header seen before with its ASCII digits
 * free (the header pattern treats every ASCII digit alike, so a line equal to a template but for its digit
 * values is the header the pattern would match there, with the same spans; _linescan says which headers
 * make templates). A line that matches one gives its columns: line start, header end, the date and time as
 * written, and the ids of its date (looked up in ``dmap`` by its bytes), its time (in the template's own
 * dict) and its frame (the template's). Stops, with the newline of the line to be looked at in Python:
 *   0  end of the data;   1  ``maxn`` headers written;
 *   2  a template matched, but its date or time is not known yet (Python reads the line with the regex);
 *   3  no template matched and the line's first byte may start a header (``starts_ok``): Python asks the
 *      regex.
 * ``templates``: a list of (bytes, digit mask bytes, aw0, aw1, d0, d1, t0, t1, fid, tdict), offsets from the
 * line start. ``out``: seven writable arrays of at least ``maxn`` items (starts, hends, aws, awe: int64;
 * dids, tids, fids: int). */
typedef struct {
    const unsigned char *t, *mask;
    Py_ssize_t len, aw0, aw1, d0, d1, t0, t1;
    int fid;
    PyObject *tdict;
} Tmpl;

#define MAX_TMPL 8

static PyObject *headers(PyObject *self, PyObject *args) {
    Py_buffer data, ok;
    Py_ssize_t pos, maxn;
    PyObject *tl, *dmap, *outs;
    if (!PyArg_ParseTuple(args, "y*nnO!O!y*O!", &data, &pos, &maxn, &PyList_Type, &tl, &PyDict_Type, &dmap, &ok,
                          &PyTuple_Type, &outs))
        return NULL;
    PyObject *result = NULL;
    Buf ob[7];
    int nb = 0;
    Tmpl tm[MAX_TMPL];
    Py_ssize_t nt = PyList_GET_SIZE(tl);
    const unsigned char *d = (const unsigned char *)data.buf;
    Py_ssize_t n = data.len, got = 0;
    int status = 0;
    if (ok.len != 256 || PyTuple_GET_SIZE(outs) != 7 || nt > MAX_TMPL || pos < 0 || maxn < 0) {
        PyErr_SetString(PyExc_ValueError, "headers: bad arguments");
        goto done;
    }
    for (Py_ssize_t k = 0; k < nt; k++) {
        PyObject *o = PyList_GET_ITEM(tl, k);
        PyObject *tb, *mb, *td;
        Py_ssize_t v[6];
        int fid;
        if (!PyArg_ParseTuple(o, "O!O!nnnnnniO!", &PyBytes_Type, &tb, &PyBytes_Type, &mb, &v[0], &v[1], &v[2], &v[3],
                              &v[4], &v[5], &fid, &PyDict_Type, &td))
            goto done;
        Tmpl *t = &tm[k];
        t->t = (const unsigned char *)PyBytes_AS_STRING(tb);
        t->mask = (const unsigned char *)PyBytes_AS_STRING(mb);
        t->len = PyBytes_GET_SIZE(tb);
        t->aw0 = v[0]; t->aw1 = v[1]; t->d0 = v[2]; t->d1 = v[3]; t->t0 = v[4]; t->t1 = v[5];
        t->fid = fid;
        t->tdict = td;
        if (PyBytes_GET_SIZE(mb) != t->len || t->len < 1) {
            PyErr_SetString(PyExc_ValueError, "headers: template and mask differ in length");
            goto done;
        }
        for (int j = 0; j < 6; j++)
            if (v[j] < 0 || v[j] > t->len) {
                PyErr_SetString(PyExc_ValueError, "headers: span outside the template");
                goto done;
            }
    }
    for (nb = 0; nb < 7; nb++)
        if (get_buf(PyTuple_GET_ITEM(outs, nb), &ob[nb], nb < 4 ? 8 : sizeof(int), "headers output") < 0) {
            nb++;
            goto done;
        }
    for (int j = 0; j < 7; j++)
        if (N_OF(ob[j]) < maxn) {
            PyErr_SetString(PyExc_ValueError, "headers: output arrays too small");
            goto done;
        }
    int64_t *o_st = ob[0].view.buf, *o_he = ob[1].view.buf, *o_as = ob[2].view.buf, *o_ae = ob[3].view.buf;
    int *o_d = ob[4].view.buf, *o_t = ob[5].view.buf, *o_f = ob[6].view.buf;
    const unsigned char *okt = (const unsigned char *)ok.buf;
    while (1) {
        if (pos >= n) { status = 0; break; }
        if (d[pos] != '\n') {
            PyErr_SetString(PyExc_ValueError, "headers: position is not a line end");
            goto done;
        }
        if (got >= maxn) { status = 1; break; }
        Py_ssize_t ls = pos + 1, rest = n - ls;
        const Tmpl *hit = NULL;
        for (Py_ssize_t k = 0; k < nt && !hit; k++) {
            const Tmpl *t = &tm[k];
            if (t->len > rest)
                continue;
            const unsigned char *p = d + ls;
            Py_ssize_t j = 0;
            for (; j < t->len; j++) {
                unsigned char c = p[j];
                if (t->mask[j] ? (c < '0' || c > '9') : c != t->t[j])
                    break;
            }
            if (j == t->len)
                hit = t;
        }
        if (hit == NULL) {
            if (rest > 0 && okt[d[ls]]) { status = 3; break; }
            const unsigned char *e = memchr(d + ls, '\n', (size_t)rest);
            pos = e ? (Py_ssize_t)(e - d) : n;
            continue;
        }
        PyObject *key = PyBytes_FromStringAndSize((const char *)d + ls + hit->d0, hit->d1 - hit->d0);
        if (!key)
            goto done;
        PyObject *did = PyDict_GetItemWithError(dmap, key);
        Py_DECREF(key);
        if (!did) {
            if (PyErr_Occurred()) goto done;
            status = 2; break;
        }
        key = PyBytes_FromStringAndSize((const char *)d + ls + hit->t0, hit->t1 - hit->t0);
        if (!key)
            goto done;
        PyObject *tid = PyDict_GetItemWithError(hit->tdict, key);
        Py_DECREF(key);
        if (!tid) {
            if (PyErr_Occurred()) goto done;
            status = 2; break;
        }
        o_st[got] = ls;
        o_he[got] = ls + hit->len;
        o_as[got] = ls + hit->aw0;
        o_ae[got] = ls + hit->aw1;
        o_d[got] = (int)PyLong_AsLong(did);
        o_t[got] = (int)PyLong_AsLong(tid);
        o_f[got] = hit->fid;
        if (PyErr_Occurred()) goto done;
        got++;
        const unsigned char *e = memchr(d + ls + hit->len, '\n', (size_t)(rest - hit->len));
        pos = e ? (Py_ssize_t)(e - d) : n;
    }
    result = Py_BuildValue("inn", status, pos, got);
done:
    for (int j = 0; j < nb; j++)
        rel(&ob[j]);
    PyBuffer_Release(&data);
    PyBuffer_Release(&ok);
    return result;
}

/* json_bodies(prefixes, senders, texts) -> bytes | None
 * The word-index bodies of a batch as one UTF-8 JSON array: element i is prefixes[senders[i]] + texts[i]
 * (workbench/chats.index_payload; the same as json.dumps(bodies, ensure_ascii=False, separators=(",", ":"))
 * encoded as UTF-8). None when a string holds a lone surrogate, which UTF-8 cannot carry: the caller then
 * makes the strings storable first. Two passes: the exact size, then the bytes. */

static const char HEX[] = "0123456789abcdef";

/* Extra bytes an ASCII character takes in a JSON string: 1 for the two-character escapes, 5 for \u00XX. */
static unsigned char JSON_EXTRA[128];

static void json_init(void) {
    for (int c = 0; c < 0x20; c++)
        JSON_EXTRA[c] = 5;
    JSON_EXTRA['"'] = JSON_EXTRA['\\'] = JSON_EXTRA['\n'] = JSON_EXTRA['\r'] = 1;
    JSON_EXTRA['\t'] = JSON_EXTRA['\b'] = JSON_EXTRA['\f'] = 1;
}

/* bytes of s as a JSON string's inside, or -1 for a surrogate */
static Py_ssize_t json_len(PyObject *s) {
    Py_ssize_t n = PyUnicode_GET_LENGTH(s), out = n;
    int kind = PyUnicode_KIND(s);
    if (kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *d = PyUnicode_1BYTE_DATA(s);
        for (Py_ssize_t i = 0; i < n; i++)
            out += d[i] < 0x80 ? JSON_EXTRA[d[i]] : 1;
        return out;
    }
    const void *data = PyUnicode_DATA(s);
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c < 0x80)
            out += JSON_EXTRA[c];
        else if (c < 0x800)
            out += 1;
        else if (c < 0x10000) {
            if (c >= 0xD800 && c <= 0xDFFF)
                return -1;
            out += 2;
        } else
            out += 3;
    }
    return out;
}

static inline char *json_ascii(Py_UCS4 c, char *o) {
    if (!JSON_EXTRA[c]) {
        *o++ = (char)c;
        return o;
    }
    *o++ = '\\';
    switch (c) {
    case '"': *o++ = '"'; break;
    case '\\': *o++ = '\\'; break;
    case '\n': *o++ = 'n'; break;
    case '\r': *o++ = 'r'; break;
    case '\t': *o++ = 't'; break;
    case '\b': *o++ = 'b'; break;
    case '\f': *o++ = 'f'; break;
    default:
        *o++ = 'u'; *o++ = '0'; *o++ = '0';
        *o++ = HEX[c >> 4]; *o++ = HEX[c & 15];
    }
    return o;
}

static char *json_put(PyObject *s, char *o) {
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    int kind = PyUnicode_KIND(s);
    if (PyUnicode_IS_ASCII(s)) {
        const Py_UCS1 *d = PyUnicode_1BYTE_DATA(s);
        Py_ssize_t run = 0; /* plain characters not yet copied, ending at i */
        for (Py_ssize_t i = 0; i < n; i++) {
            if (JSON_EXTRA[d[i]]) {
                memcpy(o, d + i - run, (size_t)run);
                o = json_ascii(d[i], o + run);
                run = 0;
            } else
                run++;
        }
        memcpy(o, d + n - run, (size_t)run);
        return o + run;
    }
    const void *data = PyUnicode_DATA(s);
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c < 0x80) {
            o = json_ascii(c, o);
        } else if (c < 0x800) {
            *o++ = (char)(0xC0 | (c >> 6));
            *o++ = (char)(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            *o++ = (char)(0xE0 | (c >> 12));
            *o++ = (char)(0x80 | ((c >> 6) & 0x3F));
            *o++ = (char)(0x80 | (c & 0x3F));
        } else {
            *o++ = (char)(0xF0 | (c >> 18));
            *o++ = (char)(0x80 | ((c >> 12) & 0x3F));
            *o++ = (char)(0x80 | ((c >> 6) & 0x3F));
            *o++ = (char)(0x80 | (c & 0x3F));
        }
    }
    return o;
}

static PyObject *json_bodies(PyObject *self, PyObject *args) {
    PyObject *prefixes, *senders, *texts;
    if (!PyArg_ParseTuple(args, "O!O!O!", &PyDict_Type, &prefixes, &PyList_Type, &senders, &PyList_Type, &texts))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(texts);
    if (PyList_GET_SIZE(senders) != n) {
        PyErr_SetString(PyExc_ValueError, "json_bodies: senders and texts differ in length");
        return NULL;
    }
    PyObject **pre = PyMem_New(PyObject *, n > 0 ? n : 1);
    if (!pre)
        return PyErr_NoMemory();
    PyObject *result = NULL;
    Py_ssize_t total = 2 + (n > 0 ? n - 1 : 0); /* [ ] and the commas */
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *p = PyDict_GetItemWithError(prefixes, PyList_GET_ITEM(senders, i)); /* borrowed */
        if (!p) {
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_KeyError, "json_bodies: a sender without a prefix");
            goto done;
        }
        PyObject *t = PyList_GET_ITEM(texts, i);
        if (!PyUnicode_Check(p) || !PyUnicode_Check(t)) {
            PyErr_SetString(PyExc_TypeError, "json_bodies: prefixes and texts must be str");
            goto done;
        }
        pre[i] = p;
        Py_ssize_t a = json_len(p), b = json_len(t);
        if (a < 0 || b < 0) {
            result = Py_NewRef(Py_None);
            goto done;
        }
        total += 2 + a + b;
    }
    result = PyBytes_FromStringAndSize(NULL, total);
    if (!result)
        goto done;
    char *o = PyBytes_AS_STRING(result);
    *o++ = '[';
    for (Py_ssize_t i = 0; i < n; i++) {
        if (i)
            *o++ = ',';
        *o++ = '"';
        o = json_put(pre[i], o);
        o = json_put(PyList_GET_ITEM(texts, i), o);
        *o++ = '"';
    }
    *o++ = ']';
    if (o - PyBytes_AS_STRING(result) != total) { /* cannot happen: the two passes read the same strings */
        Py_CLEAR(result);
        PyErr_SetString(PyExc_AssertionError, "json_bodies: size mismatch");
    }
done:
    PyMem_Free(pre);
    return result;
}

static PyMethodDef methods[] = {
    {"build", build, METH_VARARGS, "The messages of final headers k0..k1 (LineBuilder.build_to)."},
    {"decode", decode, METH_VARARGS, "UTF-8 spans of the data, decoded with replacement."},
    {"times", times, METH_VARARGS, "Local and UTC time columns of a batch (LineTimes.columns)."},
    {"headers", headers, METH_VARARGS, "Header lines of known templates (_linescan.Scan._fast)."},
    {"json_bodies", json_bodies, METH_VARARGS, "A batch's word-index bodies as a UTF-8 JSON array (index_payload)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_speedups",
                                    "The line engine's per-message loops in C (see _native.py).", -1, methods};

PyMODINIT_FUNC PyInit__speedups(void) {
    json_init();
    return PyModule_Create(&module);
}

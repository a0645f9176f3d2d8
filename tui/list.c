/*
 * The list widget of every list screen: the selection, the rows scrolled
 * into sight, the keys that move them; its columns, headed and filled
 * from one table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/i18n.h"
#include "lib/text.h"
#include "lib/xmalloc.h"
#include "tui/screen.h"

void
tui_list_reset(struct tui_list *l, int n)
{
	l->sel = l->top = 0;
	tui_list_set(l, n);
}

void
tui_list_set(struct tui_list *l, int n)
{
	l->n = n > 0 ? n : 0;
	if (l->sel >= l->n)
		l->sel = l->n > 0 ? l->n - 1 : 0;
	if (l->sel < 0)
		l->sel = 0;
}

int
tui_list_key(struct tui_list *l, int key)
{
	int s = l->sel, page = l->page > 1 ? l->page : 1;

	switch (key) {
	case TUI_KEY_DOWN:	s++; break;
	case TUI_KEY_UP:	s--; break;
	case TUI_KEY_NPAGE:	s += page; break;
	case TUI_KEY_PPAGE:	s -= page; break;
	case TUI_KEY_HOME:	s = 0; break;
	case TUI_KEY_END:	s = l->n - 1; break;
	default:
		return 0;
	}
	if (s >= l->n)
		s = l->n - 1;
	if (s < 0)
		s = 0;
	l->sel = s;
	return 1;
}

void
tui_list_draw(struct tui_screen *s, struct tui_list *l, int row, int rows,
    int mark, void (*draw_row)(struct tui_screen *, int i, int row))
{
	int i;

	l->page = rows > 1 ? rows : 1;
	/* Scroll only as far as the selection needs, and fill the window
	 * when the list is long enough (after a resize, say). */
	if (l->top > l->sel)
		l->top = l->sel;
	if (l->top < l->sel - l->page + 1)
		l->top = l->sel - l->page + 1;
	if (l->top > l->n - l->page)
		l->top = l->n - l->page;
	if (l->top < 0)
		l->top = 0;
	for (i = l->top; i < l->n && i < l->top + rows; i++, row++) {
		if (i == l->sel && mark >= 0)
			tui_put(s->tui, row, mark, 2, ">", 0);
		draw_row(s, i, row);
	}
}

void
tui_put_heads(struct tui *t, int row, const struct tui_col *c, int n)
{
	int k;

	for (k = 0; k < n; k++)
		tui_put_bold(t, row, c[k].col, c[k].width, _(c[k].title));
}

void
tui_fit(const char *text, int cols, char *out, size_t len)
{
	size_t n, k;

	if (cols < 1 || wms_text_width(text) <= (size_t)cols) {
		snprintf(out, len, "%s", text);
		return;
	}
	n = wms_text_fit(text, (size_t)cols - 1);
	/*
	 * At a word's end where there is one: a word cut in the middle may
	 * read as another (a bin HMS/A/01-02 as HMS/A/0).
	 */
	for (k = n; k > 1; k--)
		if (text[k - 1] == ' ') {
			n = k;
			break;
		}
	snprintf(out, len, "%.*s…", (int)n, text);
}

void
tui_put_cells(struct tui *t, int row, const struct tui_col *c, int n,
    const char *const *cell)
{
	char	fit[512];
	int	k;

	for (k = 0; k < n; k++) {
		if (cell[k] == NULL)
			continue;
		if (c[k].shrink) {
			tui_fit(cell[k], c[k].width, fit, sizeof fit);
			tui_put(t, row, c[k].col, c[k].width, fit, c[k].end);
		} else if (c[k].num)
			tui_put_num(t, row, c[k].col, c[k].width, cell[k]);
		else
			tui_put(t, row, c[k].col, c[k].width, cell[k],
			    c[k].end);
	}
}

void
tui_list_count(struct tui *t, int row, const struct tui_list *l)
{
	char	line[64];
	int	at = l->sel + 1;

	if (l->n == 0)
		return;
	snprintf(line, sizeof line, _("%d of %d"), at, l->n);
	tui_put(t, row, tui_cols(t) - 2 - 20, 20, line, 1);
}

int
tui_put_wrap(struct tui *t, int row, int col, int width, int maxrows,
    const char *text)
{
	char	*buf, *line, *p, *sp, save;
	int	 n = 0;

	buf = xstrdup(text);
	line = buf;
	while (*line != '\0' && n < maxrows) {
		/* As many words as fit; a word longer than the line alone. */
		p = line;
		sp = NULL;
		for (;;) {
			char *next = strchr(p, ' ');

			if (next == NULL)
				next = p + strlen(p);
			save = *next;
			*next = '\0';
			if (wms_text_width(line) > (size_t)width && sp != NULL) {
				*next = save;
				break;
			}
			*next = save;
			sp = next;
			if (*next == '\0')
				break;
			p = next + 1;
		}
		save = *sp;
		*sp = '\0';
		tui_put(t, row + n++, col, width, line, 0);
		*sp = save;
		line = *sp == ' ' ? sp + 1 : sp;
	}
	free(buf);
	return n;
}

/* Allocation that never returns NULL: on failure restore the terminal and abort. */
#ifndef WMS_XMALLOC_H
#define WMS_XMALLOC_H

#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
/* Grow an array of nmemb elements of size bytes, checking for overflow. */
void	*xreallocarray(void *, size_t nmemb, size_t size);
/*
 * Room for one more: an array v of n elements of size bytes, *cap of them
 * allocated, as it is while n < *cap, else grown (16 at first, then
 * doubled) with *cap updated.  v = xgrow(v, n, &cap, sizeof *v).
 */
void	*xgrow(void *v, size_t n, size_t *cap, size_t size);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
int	 xasprintf(char **, const char *, ...)
	    __attribute__((format(printf, 2, 3)));

/*
 * Called before abort() when memory runs out; the TUI sets it to a function
 * that restores the terminal.  core/ never includes curses.
 */
extern void (*xmalloc_fatal_hook)(void);

#endif

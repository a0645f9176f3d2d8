/*
 * The checks of text from outside that fail with a message (lib/text.h):
 * apart from lib/text.c, which lib/err.c uses to escape what it quotes.
 */
#include <stdint.h>
#include <string.h>

#include "lib/err.h"
#include "lib/i18n.h"
#include "lib/text.h"

int
wms_name_check(const char *what, const char *s, struct wms_err *err)
{
	size_t i, n;

	if (s == NULL || *s == '\0')
		return wms_err_set(err, WMS_ERR_INVALID, _("missing %s"), what);
	n = strlen(s);
	if (n > 200)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("%s too long: at most 200 bytes"), what);
	if (!wms_utf8_valid(s, n))
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("%s is not valid UTF-8 text"), what);
	for (i = 0; i < n; i++) {
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return wms_err_set(err, WMS_ERR_INVALID,
			    _("%s contains a control character"), what);
	}
	return 0;
}

int
wms_text_check(const char *what, const char *s, size_t len,
    struct wms_err *err)
{
	uint32_t	cp;
	size_t		i = 0;
	int		n;
	char		q[96];

	while (i < len) {
		if ((unsigned char)s[i] >= 0x01 && (unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		n = s[i] == '\0' ? -1 : wms_utf8_next(s + i, len - i, &cp);
		if (n < 0) {
			wms_text_escape(s + i, len - i < 8 ? len - i : 8, q,
			    sizeof q);
			return wms_err_set(err, WMS_ERR_INVALID,
			    _("%s is not valid UTF-8 text (byte %zu: %s): "
			    "give it in UTF-8"), what, i + 1, q);
		}
		i += (size_t)n;
	}
	return 0;
}

build/cmd/main.o: cmd/main.c cmd/cmd.h core/err.h core/i18n.h \
 reports/report.h core/wms.h core/xmalloc.h
cmd/cmd.h:
core/err.h:
core/i18n.h:
reports/report.h:
core/wms.h:
core/xmalloc.h:

/*
 * The database side of core/ that labels/data.c reaches, for the fuzz
 * harnesses that link it without a database: a template is parsed, never
 * filled, so none of these is ever called.  Declared without their
 * headers on purpose: only the names have to resolve.
 */
#include <stdlib.h>

void	wms_doc_each_move(void);
void	wms_doc_get(void);
void	db_item_fini(void);
void	wms_item_get(void);
void	wms_location_get(void);
void	wms_lot_get(void);
void	wms_unit_each(void);
void	wms_to_base(void);

void wms_doc_each_move(void) { abort(); }
void wms_doc_get(void) { abort(); }
void db_item_fini(void) { abort(); }
void wms_item_get(void) { abort(); }
void wms_location_get(void) { abort(); }
void wms_lot_get(void) { abort(); }
void wms_unit_each(void) { abort(); }
void wms_to_base(void) { abort(); }

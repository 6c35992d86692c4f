// The libxml2 headers GreenDisclosure uses, and shims for what Swift cannot import directly.
#ifndef GREENLEDGER_CLIBXML2_SHIM_H
#define GREENLEDGER_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU; its <unicode/ucnv.h> clashes with Foundation's own ICU in debug builds
// ("'UErrorCode' has different definitions"). The ICU members are never touched from Swift.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlerror.h>
#include <libxml/dict.h>
#include <libxml/xmlIO.h>


// glibc's memrchr (a GNU extension, so not visible without _GNU_SOURCE): the last `c` in `n` bytes at `s`.
void *memrchr(const void *s, int c, size_t n);
static inline const unsigned char *clx_last_byte(const unsigned char *s, int c, size_t n) {
    return (const unsigned char *)memrchr(s, c, n);
}

// libxml2 prints some errors (iconv conversion failures, I/O) through its generic handler, to stderr,
// besides or instead of the structured handler the reader installs. The reader reports every early stop
// itself, so the generic handler is silenced on the parsing thread (it is per-thread in libxml2 2.9).
static void clx_ignore_generic_error(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}
static inline void clx_silence_generic_errors(void) {
    xmlSetGenericErrorFunc(NULL, clx_ignore_generic_error);
}

#endif

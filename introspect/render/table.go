package render

import (
	"slices"
	"strings"
)

// The frame is written by hand rather than with olekukonko/tablewriter:
// ist.py's output comes from PrettyTable, whose column widths and padding
// follow rules tablewriter does not reproduce, and tablewriter offers no
// way to turn its own rules off:
//   - a column is as wide as its header, or as its widest cell line capped
//     at max_width, whichever is more; a header longer than max_width
//     widens the column and cells then wrap at the header's width;
//   - widths are wcwidth display cells, but wrapping (textwrap) counts code
//     points, so a line of wide (CJK) characters may stay longer than its
//     column and push the frame out; tablewriter widens the column instead;
//   - a line holding a control character (a tab) has width -1: it is never
//     wrapped, is padded one space more than its column, and its tab is
//     printed raw; tablewriter expands tabs.
// It is also ~10x fewer allocations for 100k rows than going through
// tablewriter's per-cell machinery.

// appendTable appends PrettyTable's default rendering (hrules FRAME,
// vrules ALL, padding 1, align left) of headers and the row-major cells,
// plus the newline print() adds. maxWidth caps every column unless noWrap,
// in which case cells have already been put on one line and nothing wraps.
func appendTable(b []byte, headers []string, cells []string, maxWidth int, noWrap bool) []byte {
	ncol := len(headers)
	widths := make([]int, ncol)
	for c, h := range headers {
		widths[c] = cellWidth(h)
	}
	for i, v := range cells {
		w := blockWidth(v)
		if !noWrap && w > maxWidth {
			w = maxWidth
		}
		if c := i % ncol; w > widths[c] {
			widths[c] = w
		}
	}

	hrule := make([]byte, 0, 2+3*ncol+sum(widths))
	hrule = append(hrule, '+')
	for _, w := range widths {
		for i := 0; i < w+2; i++ {
			hrule = append(hrule, '-')
		}
		hrule = append(hrule, '+')
	}
	hrule = append(hrule, '\n')

	lines := make([][]string, ncol) // the current row's lines per column
	line := make([]string, ncol)
	// Wrapped lines per column, by text: the same long VN or instance name
	// recurs on many rows, and the sizing pass below wraps everything once.
	wrapped := make([]map[string][]string, ncol)
	for c := range wrapped {
		wrapped[c] = map[string][]string{}
	}
	rowLines := func(r int) int {
		height := 1
		for c := 0; c < ncol; c++ {
			lines[c] = cellLines(lines[c][:0], cells[r+c], widths[c], wrapped[c])
			height = max(height, len(lines[c]))
		}
		return height
	}

	// Size the output first: growing a buffer of tens of megabytes by
	// doubling costs more than the rendering.
	total := 4
	for r := 0; r+ncol <= len(cells) && ncol > 0; r += ncol {
		total += rowLines(r)
	}
	b = slices.Grow(b, len(hrule)*total)

	b = append(b, hrule...)
	b = appendRowLine(b, headers, widths)
	b = append(b, hrule...)
	for r := 0; r+ncol <= len(cells) && ncol > 0; r += ncol {
		height := rowLines(r)
		for y := 0; y < height; y++ {
			for c := 0; c < ncol; c++ {
				line[c] = ""
				if y < len(lines[c]) {
					line[c] = lines[c][y]
				}
			}
			b = appendRowLine(b, line, widths)
		}
	}
	return append(b, hrule...)
}

// appendRowLine writes "| a | b |" with each value left-justified to its
// column width (PrettyTable's _justify: value + (width - display width)
// spaces, nothing when negative).
func appendRowLine(b []byte, vals []string, widths []int) []byte {
	b = append(b, '|')
	for c, v := range vals {
		b = append(b, ' ')
		b = append(b, v...)
		if pad := widths[c] - cellWidth(v); pad > 0 {
			b = appendSpaces(b, pad)
		}
		b = append(b, " |"...)
	}
	return append(b, '\n')
}

// cellLines appends the display lines of one cell: each line of the value,
// replaced by its textwrap.fill at the column width when it is wider than
// the column (PrettyTable's _stringify_row).
// cache holds earlier results for this width.
func cellLines(dst []string, v string, width int, cache map[string][]string) []string {
	for {
		l, rest, more := strings.Cut(v, "\n")
		if cellWidth(l) > width {
			w, ok := cache[l]
			if !ok {
				w = wrap(l, width)
				if len(w) == 0 {
					w = []string{""} // fill() of blanks is "": still one line
				}
				cache[l] = w
			}
			dst = append(dst, w...)
		} else {
			dst = append(dst, l)
		}
		if !more {
			return dst
		}
		v = rest
	}
}

// blockWidth is PrettyTable's _get_size width: the widest line.
func blockWidth(v string) int {
	w := -1 << 31
	for {
		l, rest, more := strings.Cut(v, "\n")
		if lw := cellWidth(l); lw > w {
			w = lw
		}
		if !more {
			return w
		}
		v = rest
	}
}

func sum(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}

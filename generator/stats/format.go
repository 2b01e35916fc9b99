package stats

import (
	"math"
	"strconv"
	"strings"
)

// FormatInt writes n with thousands separators, as official reports do:
// 1580000 → "1,580,000".
func FormatInt(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	s = group(s)
	if neg {
		return "-" + s
	}
	return s
}

func group(digits string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	head := len(digits) % 3
	if head > 0 {
		b.WriteString(digits[:head])
	}
	for i := head; i < len(digits); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

// formatFixed writes v with one or more decimals and grouped integer digits.
func formatFixed(v float64, decimals int) string {
	s := strconv.FormatFloat(math.Abs(v), 'f', decimals, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	out := group(intPart)
	if frac != "" {
		out += "." + frac
	}
	if v < 0 && strings.Trim(s, "0.") != "" {
		out = "-" + out
	}
	return out
}

// FormatWan writes a yuan amount the way Chinese reports do: in 万 with one
// decimal from 10,000 up ("158.3万"), otherwise as whole yuan ("9,800";
// fractions of a yuan are kept to the fen, "9,800.50").
func FormatWan(yuan float64) string {
	if math.IsNaN(yuan) || math.IsInf(yuan, 0) {
		return "—"
	}
	if math.Abs(yuan) >= 10000 {
		return formatFixed(yuan/10000, 1) + "万"
	}
	if yuan == math.Trunc(yuan) {
		return formatFixed(yuan, 0)
	}
	return formatFixed(yuan, 2)
}

// FormatPercent writes a ratio as a percentage with one decimal: 0.95 → "95.0%".
func FormatPercent(ratio float64) string {
	if math.IsNaN(ratio) || math.IsInf(ratio, 0) {
		return "—"
	}
	return strconv.FormatFloat(ratio*100, 'f', 1, 64) + "%"
}

// wanParts splits an amount into the number and the unit for the key-figure
// band, where the unit is printed smaller beside the number.
func wanParts(yuan float64) (value, unit string) {
	if math.Abs(yuan) >= 10000 {
		return formatFixed(yuan/10000, 1), "万元"
	}
	return FormatWan(yuan), "元"
}

// inWan writes a yuan amount as a number of 万元 for a column headed
// （万元）: one decimal, two below 1万 so that small sums do not show as 0.0.
func inWan(yuan float64) string {
	if math.IsNaN(yuan) || math.IsInf(yuan, 0) {
		return "—"
	}
	if math.Abs(yuan) < 10000 {
		return formatFixed(yuan/10000, 2)
	}
	return formatFixed(yuan/10000, 1)
}

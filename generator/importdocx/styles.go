package importdocx

import (
	"bytes"
	"encoding/xml"
	"path"
	"strconv"
	"strings"
)

type rel struct {
	ID, Type, Target string
	External         bool
}

// parseRels reads a relationships part. Internal targets are resolved to
// part names relative to the package root (dir is the source part's folder).
func parseRels(data []byte, dir string) []rel {
	var doc struct {
		Rels []struct {
			ID         string `xml:"Id,attr"`
			Type       string `xml:"Type,attr"`
			Target     string `xml:"Target,attr"`
			TargetMode string `xml:"TargetMode,attr"`
		} `xml:"Relationship"`
	}
	if xml.Unmarshal(data, &doc) != nil {
		return nil
	}
	out := make([]rel, 0, len(doc.Rels))
	for _, r := range doc.Rels {
		x := rel{ID: r.ID, Type: r.Type, Target: r.Target, External: strings.EqualFold(r.TargetMode, "External")}
		if !x.External {
			t := strings.ReplaceAll(r.Target, `\`, "/")
			if strings.HasPrefix(t, "/") {
				t = path.Clean(t)[1:]
			} else {
				t = strings.TrimPrefix(path.Clean("/"+path.Join(dir, t)), "/")
			}
			x.Target = t
		}
		out = append(out, x)
	}
	return out
}

// props are the character properties the import keeps or looks at. A nil
// pointer means "not set here": the value comes from the style chain.
type props struct {
	b, i, s *bool
	vanish  *bool
	color   string
	size    int // half-points
	font    string
}

// merge fills what p leaves unset from q.
func (p props) merge(q props) props {
	if p.b == nil {
		p.b = q.b
	}
	if p.i == nil {
		p.i = q.i
	}
	if p.s == nil {
		p.s = q.s
	}
	if p.vanish == nil {
		p.vanish = q.vanish
	}
	if p.color == "" {
		p.color = q.color
	}
	if p.size == 0 {
		p.size = q.size
	}
	if p.font == "" {
		p.font = q.font
	}
	return p
}

func (p props) hidden() bool { return p.vanish != nil && *p.vanish }

type style struct {
	id, name, basedOn string
	kind              string // paragraph | character | table
	outline           int    // -1: none
	numID, ilvl       int    // numID 0: none
	jc                string
	rp                props
	hasOutline        bool
	hasNum            bool
}

type styles struct {
	byID     map[string]*style
	defaults props
}

func boolAttr(attrs []xml.Attr) *bool {
	v := true
	for _, a := range attrs {
		if a.Name.Local == "val" {
			switch strings.ToLower(a.Value) {
			case "0", "false", "off", "none":
				v = false
			}
		}
	}
	return &v
}

func attr(attrs []xml.Attr, local string) string {
	for _, a := range attrs {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

func atoi(s string) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return 0
	}
	return n
}

// rprElement applies one child of w:rPr to p.
func rprElement(p *props, se xml.StartElement) {
	switch se.Name.Local {
	case "b":
		p.b = boolAttr(se.Attr)
	case "i":
		p.i = boolAttr(se.Attr)
	case "vanish":
		p.vanish = boolAttr(se.Attr)
	case "strike", "dstrike":
		p.s = boolAttr(se.Attr)
	case "color":
		p.color = strings.ToUpper(attr(se.Attr, "val"))
	case "sz":
		p.size = atoi(attr(se.Attr, "val"))
	case "rFonts":
		if f := attr(se.Attr, "eastAsia"); f != "" {
			p.font = f
		} else if f := attr(se.Attr, "ascii"); f != "" && p.font == "" {
			p.font = f
		}
	}
}

func parseStyles(data []byte) *styles {
	st := &styles{byID: map[string]*style{}}
	if data == nil {
		return st
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	var cur *style
	var inRPr, inPPr, inDefaults bool
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "docDefaults":
				inDefaults = true
			case "style":
				cur = &style{id: attr(t.Attr, "styleId"), kind: attr(t.Attr, "type"), outline: -1}
				st.byID[cur.id] = cur
			case "name":
				if cur != nil {
					cur.name = attr(t.Attr, "val")
				}
			case "basedOn":
				if cur != nil {
					cur.basedOn = attr(t.Attr, "val")
				}
			case "rPr":
				inRPr = true
			case "pPr":
				inPPr = true
			case "outlineLvl":
				if cur != nil && inPPr {
					cur.outline, cur.hasOutline = atoi(attr(t.Attr, "val")), true
				}
			case "numId":
				if cur != nil && inPPr {
					cur.numID, cur.hasNum = atoi(attr(t.Attr, "val")), true
				}
			case "ilvl":
				if cur != nil && inPPr {
					cur.ilvl = atoi(attr(t.Attr, "val"))
				}
			case "jc":
				if cur != nil && inPPr && !inRPr {
					cur.jc = attr(t.Attr, "val")
				}
			default:
				if inRPr {
					switch {
					case cur != nil:
						rprElement(&cur.rp, t)
					case inDefaults:
						rprElement(&st.defaults, t)
					}
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "style":
				cur = nil
			case "rPr":
				inRPr = false
			case "pPr":
				inPPr = false
			case "docDefaults":
				inDefaults = false
			}
		}
	}
	return st
}

// chain walks a style and the styles it is based on (at most 20, against loops).
func (st *styles) chain(id string, f func(*style) bool) {
	for n := 0; id != "" && n < 20; n++ {
		s, ok := st.byID[id]
		if !ok || f(s) {
			return
		}
		id = s.basedOn
	}
}

func (st *styles) runProps(id string) props {
	var p props
	st.chain(id, func(s *style) bool { p = p.merge(s.rp); return false })
	return p
}

// headingLevel is 1 for Title and Heading 1, 2 for Heading 2 …; 0 for body
// text. It looks at the style names (which Word keeps in English whatever
// the interface language, while WPS may write 标题 1) and outline levels.
func (st *styles) headingLevel(id string) (level int, title bool) {
	st.chain(id, func(s *style) bool {
		name := strings.ToLower(strings.ReplaceAll(s.name, " ", ""))
		switch {
		case name == "title" || name == "标题":
			level, title = 1, true
			return true
		case strings.HasPrefix(name, "heading") || strings.HasPrefix(name, "标题"):
			rest := strings.TrimPrefix(strings.TrimPrefix(name, "heading"), "标题")
			if n := atoi(rest); n >= 1 && n <= 9 {
				level = n
				return true
			}
		}
		if s.hasOutline {
			if s.outline >= 0 && s.outline <= 8 {
				level = s.outline + 1
			}
			return true
		}
		return false
	})
	return level, title
}

func (st *styles) numbering(id string) (numID, ilvl int, ok bool) {
	st.chain(id, func(s *style) bool {
		if s.hasNum {
			numID, ilvl, ok = s.numID, s.ilvl, true
			return true
		}
		return false
	})
	return
}

func (st *styles) jc(id string) string {
	var jc string
	st.chain(id, func(s *style) bool {
		if s.jc != "" {
			jc = s.jc
			return true
		}
		return false
	})
	return jc
}

// numbering.xml: which list each paragraph is in, and how its label looks.
type level struct {
	format string // bullet, decimal, chineseCounting, none …
	text   string // %1、 …
	start  int
}

type numbering struct {
	abstract map[string]map[int]*level // abstractNumId → ilvl → level
	nums     map[int]string            // numId → abstractNumId
	override map[int]map[int]int       // numId → ilvl → start
}

func parseNumbering(data []byte) *numbering {
	n := &numbering{abstract: map[string]map[int]*level{}, nums: map[int]string{}, override: map[int]map[int]int{}}
	if data == nil {
		return n
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	var abs map[int]*level
	var lvl *level
	numID, ovLvl := -1, -1
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "abstractNum":
				abs = map[int]*level{}
				n.abstract[attr(t.Attr, "abstractNumId")] = abs
			case "lvl":
				if abs != nil {
					lvl = &level{start: 1}
					abs[atoi(attr(t.Attr, "ilvl"))] = lvl
				} else {
					lvl = nil
				}
			case "numFmt":
				if lvl != nil {
					lvl.format = attr(t.Attr, "val")
				}
			case "lvlText":
				if lvl != nil {
					lvl.text = attr(t.Attr, "val")
				}
			case "start":
				if lvl != nil {
					lvl.start = atoi(attr(t.Attr, "val"))
				}
			case "num":
				numID = atoi(attr(t.Attr, "numId"))
			case "abstractNumId":
				if numID >= 0 {
					n.nums[numID] = attr(t.Attr, "val")
				}
			case "lvlOverride":
				ovLvl = atoi(attr(t.Attr, "ilvl"))
			case "startOverride":
				if numID >= 0 && ovLvl >= 0 {
					if n.override[numID] == nil {
						n.override[numID] = map[int]int{}
					}
					n.override[numID][ovLvl] = atoi(attr(t.Attr, "val"))
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "abstractNum":
				abs = nil
			case "lvl":
				lvl = nil
			case "num":
				numID = -1
			case "lvlOverride":
				ovLvl = -1
			}
		}
	}
	return n
}

func (n *numbering) level(numID, ilvl int) *level {
	abs, ok := n.abstract[n.nums[numID]]
	if !ok {
		return nil
	}
	return abs[ilvl]
}

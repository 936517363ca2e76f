"""The print side: partner-city editions → brochures a print shop accepts.

``editions``  editions.yml → the partner-city editions, their paper, the publisher, placeholders
``map``       TopoJSON countries + two territories → the cover's map (SVG)
``brochure``  translated document + edition → the brochure's HTML page
``collection`` translated collection + its articles + edition → the collection brochure's HTML page
``plan``      laid-out pages → each page's fill → the layout and filler pages of 4n pages
``pdf``       brochure page → screen PDF (PDF/UA-1), print-shop PDF and booklet
``impose``    screen PDF → print-shop PDF (bleed, marks, 4n pages) and saddle-stitched booklet
``prepress``  imposed RGB PDF → PDF/X-4: CMYK colours, output intent, boxes, metadata
``inks``      print PDF → each page's boxes, text colours and peak total ink inside the BleedBox
``proof``     PDF bytes → PNG pages and a contact sheet, for a person to look at
"""
